package io.chorus.datatree;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Acl;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.Created;
import io.chorus.api.Id;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnBody;
import io.chorus.datatree.txn.TxnHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A DataTree driven like a log would: each apply gets the next zxid and a clock that advances 10 ms
 * per transaction. Requests come from {@link #SESSION} (an open session) with only an ip id unless a
 * test says otherwise.
 */
final class TreeFixture {
    static final long SESSION = 0x1000_0000_0000_0001L;
    static final long OTHER_SESSION = 0x1000_0000_0000_0002L;
    static final Id CLIENT_IP = new Id("ip", "10.1.2.3");
    static final long START_MILLIS = 1_700_000_000_000L;
    static final long TICK_MILLIS = 10;

    final DataTree tree;
    private long zxid;
    private long timeMillis = START_MILLIS;

    TreeFixture() {
        this(TreeOptions.DEFAULTS);
    }

    TreeFixture(TreeOptions options) {
        this(new DataTree(options));
        openSession(SESSION);
    }

    TreeFixture(DataTree tree) {
        this(tree, START_MILLIS);
    }

    /** Drives a tree (say, one restored from a snapshot) from the given clock reading on. */
    TreeFixture(DataTree tree, long timeMillis) {
        this.tree = tree;
        this.zxid = tree.lastAppliedZxid();
        this.timeMillis = timeMillis;
    }

    ApplyResult apply(TxnBody body) {
        return applyAs(SESSION, List.of(CLIENT_IP), body);
    }

    ApplyResult applyAs(long sessionId, List<Id> authIds, TxnBody body) {
        timeMillis += TICK_MILLIS;
        return tree.apply(++zxid, new Txn(new TxnHeader(sessionId, 7, timeMillis, authIds), body));
    }

    /** Applies at an explicit time (housekeeping and TTL tests). */
    ApplyResult applyAt(long atMillis, TxnBody body) {
        timeMillis = atMillis;
        return tree.apply(++zxid, new Txn(new TxnHeader(0, 0, atMillis, List.of()), body));
    }

    void openSession(long sessionId) {
        ApplyResult result = applyAs(sessionId, List.of(), new TxnBody.CreateSession(30_000, new byte[] {1, 2, 3}));
        assertThat(result.code()).isEqualTo(Code.OK);
    }

    /** Creates a persistent node with open ACL and asserts it worked; returns the created path. */
    String create(String path) {
        return create(path, CreateMode.PERSISTENT);
    }

    String create(String path, CreateMode mode) {
        ApplyResult result = apply(create(path, bytes("d"), mode));
        assertThat(result.code()).as("create %s", path).isEqualTo(Code.OK);
        return ((Created) result.response()).path();
    }

    long zxid() {
        return zxid;
    }

    long timeMillis() {
        return timeMillis;
    }

    static TxnBody.Create create(String path, byte[] data, CreateMode mode) {
        return new TxnBody.Create(path, data, Acl.OPEN_ACL_UNSAFE, mode, -1);
    }

    static TxnBody.Create createTtl(String path, long ttlMillis) {
        return new TxnBody.Create(path, bytes("t"), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, ttlMillis);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
