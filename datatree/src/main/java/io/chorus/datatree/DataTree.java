package io.chorus.datatree;

import io.chorus.api.AclAndStat;
import io.chorus.api.ChorusException;
import io.chorus.api.Children;
import io.chorus.api.Code;
import io.chorus.api.Id;
import io.chorus.api.NodeData;
import io.chorus.api.Stat;
import io.chorus.datatree.acl.AclPolicy;
import io.chorus.datatree.node.Node;
import io.chorus.datatree.node.NodeStore;
import io.chorus.datatree.snapshot.LoadedSnapshot;
import io.chorus.datatree.snapshot.SnapshotReader;
import io.chorus.datatree.snapshot.StoredSession;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnBody;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * ZooKeeper's replicated state machine: the znode tree and the session table, changed only by
 * {@link #apply}. Applying the same transactions in the same order gives the same tree, results,
 * digest and snapshot bytes on every replica: the outcome depends only on the zxid and the
 * transaction (its header carries the time and the requester's ids).
 *
 * <p>Every {@link Stat} returned is the one a ZooKeeper 3.9 client sees: cversion counts child
 * creations and deletions (ZooKeeper stores only creations, which sequential names use), and
 * ephemeralOwner is the session for ephemerals and 0 for containers and TTL nodes.
 *
 * <p>Single-threaded: {@link #apply}, the reads and {@link #beginSnapshot()} run on one thread (the
 * apply thread). Only a {@link SnapshotView} may be used elsewhere.
 */
public final class DataTree {
    private final TreeOptions options;
    private final NodeStore store;
    private final SessionTable sessions;
    private final TxnApplier applier;
    private long lastAppliedZxid;

    public DataTree(TreeOptions options) {
        this(options, SystemNodes.freshStore(options.extendedTypesEnabled()), new SessionTable(), 0);
    }

    private DataTree(TreeOptions options, NodeStore store, SessionTable sessions, long lastAppliedZxid) {
        this.options = Objects.requireNonNull(options, "options");
        this.store = store;
        this.sessions = sessions;
        this.lastAppliedZxid = lastAppliedZxid;
        this.applier = new TxnApplier(store, sessions, options.extendedTypesEnabled());
    }

    /**
     * Applies the transaction at {@code zxid}, which must exceed every zxid applied before (else
     * IllegalStateException). Never throws for bad input: a failed check is the result's code, and the
     * zxid is consumed either way (ZooKeeper logs failed writes as error transactions).
     */
    public ApplyResult apply(long zxid, Txn txn) {
        Objects.requireNonNull(txn, "txn");
        if (zxid <= lastAppliedZxid) {
            throw new IllegalStateException("zxid 0x" + Long.toHexString(zxid) + " does not follow the last applied 0x"
                    + Long.toHexString(lastAppliedZxid));
        }
        ApplyResult result = applier.apply(zxid, txn);
        lastAppliedZxid = zxid;
        return result;
    }

    public long lastAppliedZxid() {
        return lastAppliedZxid;
    }

    /**
     * A 64-bit hash of every node (path, data, stored stat, ACL), kept up to date on every change;
     * equal trees have equal digests. Sessions are not part of it.
     */
    public long digest() {
        return store.digest();
    }

    /** Znodes in the tree, the root included (a fresh tree has 4). */
    public int nodeCount() {
        return store.nodeCount();
    }

    // ---- reads (no ACL check: see checkAccess)

    /** The node's stat, or null when there is no such node (or the path is malformed). */
    public Stat exists(String path) {
        Node node = store.lookup(path);
        return node == null ? null : stat(node);
    }

    public NodeData getData(String path) throws ChorusException {
        Node node = existing(path);
        return new NodeData(node.dataCopy(), stat(node));
    }

    /** The children's names (not paths), in no particular order, with the node's stat. */
    public Children getChildren(String path) throws ChorusException {
        Node node = existing(path);
        Node[] children = node.childrenArray();
        List<String> names = new ArrayList<>(children.length);
        for (Node child : children) {
            names.add(child.name());
        }
        return new Children(Collections.unmodifiableList(names), stat(node));
    }

    /** The number of descendants (children, grandchildren, ...), as ZooKeeper's getAllChildrenNumber. */
    public int getAllChildrenNumber(String path) throws ChorusException {
        Node node = existing(path);
        return "/".equals(path) ? store.nodeCount() - 1 : NodeStore.descendantCount(node);
    }

    /**
     * The session's ephemeral paths that start with {@code prefixPath} (plain string prefix, as
     * ZooKeeper); null, blank or "/" means all of them. Sorted.
     */
    public List<String> getEphemerals(long sessionId, String prefixPath) {
        List<String> all = new ArrayList<>(store.owners().ephemeralsOf(sessionId));
        if (prefixPath == null || prefixPath.isBlank() || "/".equals(prefixPath.trim())) {
            return all;
        }
        all.removeIf(path -> !path.startsWith(prefixPath));
        return all;
    }

    public AclAndStat getAcl(String path) throws ChorusException {
        Node node = existing(path);
        return new AclAndStat(node.acl(), stat(node));
    }

    /** NONODE if absent; NOAUTH unless {@code authIds} hold {@code perm} on the node (a ("super", _) id holds all). */
    public void checkAccess(String path, int perm, List<Id> authIds) throws ChorusException {
        Node node = existing(path);
        if (!AclPolicy.grants(node.acl(), perm, authIds)) {
            throw new ChorusException(Code.NOAUTH, path);
        }
    }

    // ---- sessions

    /** The session, or null when the table has no such session. */
    public SessionInfo session(long sessionId) {
        return sessions.get(sessionId);
    }

    /** All sessions, ordered by id (a copy). */
    public Collection<SessionInfo> sessions() {
        return sessions.sorted();
    }

    // ---- housekeeping and snapshots

    /**
     * The server-initiated transactions due at {@code nowMillis} for the leader to propose (at most
     * {@value Housekeeping#TXNS_PER_CALL_MAX}): DeleteContainer for empty containers that once had
     * children, DeleteExpiredTtl for childless TTL nodes whose mtime + ttl is before now.
     */
    public List<TxnBody> housekeeping(long nowMillis) {
        return Housekeeping.due(store, nowMillis);
    }

    /**
     * A view of the tree as of {@link #lastAppliedZxid()} now, to write on any thread while applying
     * goes on. Close it when written.
     */
    public SnapshotView beginSnapshot() {
        List<StoredSession> stored = new ArrayList<>();
        for (SessionInfo session : sessions.sorted()) {
            stored.add(new StoredSession(session.sessionId(), session.timeoutMillis(), session.password()));
        }
        return new FrozenSnapshotView(store, store.freeze(), stored, lastAppliedZxid);
    }

    /** A tree from a snapshot, verified (checksums, structure, digest); IOException says what is wrong. */
    public static DataTree readSnapshot(InputStream in, TreeOptions options) throws IOException {
        LoadedSnapshot loaded = SnapshotReader.read(in, options.extendedTypesEnabled());
        SessionTable sessions = new SessionTable();
        for (StoredSession session : loaded.sessions()) {
            sessions.put(new SessionInfo(session.sessionId(), session.timeoutMillis(), session.password()));
        }
        return new DataTree(options, loaded.store(), sessions, loaded.zxid());
    }

    /**
     * Recomputes everything kept incrementally (node count, digest, child tables, owner indexes, ACL
     * references) and checks every ephemeral's session exists; IllegalStateException on a violation.
     * O(nodes): for tests and diagnostics.
     */
    void checkInvariants() {
        store.checkInvariants();
        for (long owner : store.owners().sessionsWithEphemerals()) {
            if (!sessions.contains(owner)) {
                throw new IllegalStateException("tree invariant broken: ephemerals "
                        + store.owners().ephemeralsOf(owner) + " outlive session 0x" + Long.toHexString(owner));
            }
        }
    }

    int openSnapshotCount() {
        return store.openSnapshotCount();
    }

    private Node existing(String path) throws ChorusException {
        Node node = store.lookup(path);
        if (node == null) {
            throw new ChorusException(Code.NONODE, path);
        }
        return node;
    }

    private Stat stat(Node node) {
        return node.toStat(options.extendedTypesEnabled());
    }
}
