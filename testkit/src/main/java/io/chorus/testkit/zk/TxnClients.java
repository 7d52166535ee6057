package io.chorus.testkit.zk;

import io.chorus.api.Acl;
import io.chorus.api.ChorusException;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.Created;
import io.chorus.api.NodeData;
import io.chorus.api.Op;
import io.chorus.api.OpResult;
import io.chorus.api.Stat;
import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.ProposeOutcome;
import io.chorus.api.spi.Role;
import io.chorus.datatree.ApplyResult;
import io.chorus.datatree.DataTree;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnBody;
import io.chorus.datatree.txn.TxnCodec;
import io.chorus.datatree.txn.TxnHeader;
import io.chorus.testkit.check.HistoryRecorder;
import io.chorus.testkit.check.Invocation;
import io.chorus.testkit.check.Result;
import io.chorus.testkit.sim.NodeListener;
import io.chorus.testkit.sim.SimNode;
import io.chorus.testkit.sim.SimRandom;
import io.chorus.testkit.sim.Simulation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulated clients that write by proposing transactions at the node they are connected to and read
 * from that node's tree, each with one operation outstanding, recording every call and answer into a
 * {@link HistoryRecorder} for the checkers. A write is answered when the node it was proposed at applies
 * it (the reply zxid is the transaction's); a read is answered at once from the node's tree (the reply
 * zxid is the node's last applied). A client whose node is down, has no leader, or does not answer
 * within the timeout leaves that operation without an answer (an unknown outcome) and reconnects to a
 * node at least as up to date as the newest zxid it has seen, as the ZooKeeper client does.
 *
 * <p>This layer stands in for the client port until the request pipeline runs in the simulator: it uses
 * the real transactions, validation and tree, but not sessions (all nodes are persistent) or watches.
 */
public final class TxnClients implements NodeListener {
    /** The znodes the clients contend on: few, so operations collide often. */
    static final int KEYS = 5;
    private static final long THINK_MILLIS_MAX = 20;
    private static final long TIMEOUT_MILLIS = 3_000;
    private static final long CHECK_EVERY_MILLIS = 50;

    private final Simulation sim;
    private final HistoryRecorder recorder;
    private final SimRandom random;
    private final List<Client> clients = new ArrayList<>();
    private final Map<Long, Client> bySession = new HashMap<>();
    private boolean stopped;

    /** What one outstanding write is waiting for: its transaction to be applied at its node. */
    private record Outstanding(long opId, int node, int cxid, Invocation call, long deadline, boolean write) {
    }

    private final class Client {
        final int index;
        final long session;
        int node;
        /** The incarnation of the node when this client connected: a restart kills the connection. */
        long incarnation = -1;
        int nextCxid = 1;
        int nextValue = 1;
        long lastZxidSeen;
        Outstanding outstanding;

        Client(int index, int node) {
            this.index = index;
            this.session = 0x1000L + index;
            this.node = node;
        }
    }

    public TxnClients(Simulation sim, HistoryRecorder recorder, int count) {
        this.sim = sim;
        this.recorder = recorder;
        this.random = sim.workloadRandom();
        for (int i = 0; i < count; i++) {
            Client client = new Client(i + 1, sim.nodeIds().get(i % sim.nodeIds().size()));
            clients.add(client);
            bySession.put(client.session, client);
        }
    }

    /** Starts every client after a random delay, and the timeout checks. */
    public void start() {
        for (Client client : clients) {
            sim.after(random.between(1, THINK_MILLIS_MAX), () -> next(client));
        }
        sim.every(CHECK_EVERY_MILLIS, this::expireTimeouts);
    }

    /** No new operations from now on; outstanding ones may still be answered. */
    public void stop() {
        stopped = true;
    }

    // ---- issuing ----

    private void next(Client client) {
        if (stopped || client.outstanding != null) {
            return;
        }
        SimNode node = sim.node(client.node);
        if (!serving(node) || node.incarnation() != client.incarnation) {
            // ZooKeeper servers close client connections when they crash or stop following a leader
            reconnect(client);
            return;
        }
        String path = "/k" + random.nextInt(KEYS);
        int roll = random.nextInt(100);
        if (roll < 30) {
            read(client, node, path, roll < 20);
            return;
        }
        byte[] value = ("c" + client.index + "-" + client.nextValue++).getBytes(StandardCharsets.UTF_8);
        int version = random.nextInt(3) == 0 ? random.nextInt(3) : -1;
        Invocation call;
        TxnBody body;
        if (roll < 50) {
            call = Invocation.create(path, value, CreateMode.PERSISTENT);
            body = new TxnBody.Create(path, value, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, -1);
        } else if (roll < 75) {
            call = Invocation.setData(path, value, version);
            body = new TxnBody.SetData(path, value, version);
        } else if (roll < 90) {
            call = Invocation.delete(path, version);
            body = new TxnBody.Delete(path, version);
        } else {
            String other = "/k" + random.nextInt(KEYS);
            call = Invocation.multi(List.of(new Op.Check(path, version), new Op.SetData(other, value, -1)));
            body = new TxnBody.Multi(List.of(new TxnBody.Check(path, version), new TxnBody.SetData(other, value, -1)));
        }
        write(client, node, call, body);
    }

    private void write(Client client, SimNode node, Invocation call, TxnBody body) {
        int cxid = client.nextCxid++;
        long opId = recorder.invoke(client.index, client.session, call, sim.now());
        client.outstanding = new Outstanding(opId, node.id(), cxid, call, sim.now() + TIMEOUT_MILLIS, true);
        byte[] payload = TxnCodec.encode(new Txn(new TxnHeader(client.session, cxid, sim.now(), List.of()), body));
        ProposeOutcome outcome = node.propose(payload); // may apply, and so answer, before it returns
        if (outcome == ProposeOutcome.NO_LEADER && client.outstanding != null && client.outstanding.opId() == opId) {
            // Not ordered anywhere: the client hears connection loss, which the checkers read as unknown.
            recorder.reply(opId, sim.now(), Code.CONNECTIONLOSS, -1, Result.none());
            client.outstanding = null;
            reconnect(client);
        }
    }

    private void read(Client client, SimNode node, String path, boolean getData) {
        Invocation call = getData ? Invocation.getData(path) : Invocation.exists(path);
        long opId = recorder.invoke(client.index, client.session, call, sim.now());
        DataTree tree = ((TreeStateMachine) node.stateMachine()).tree();
        long zxid = tree.lastAppliedZxid();
        if (getData) {
            try {
                NodeData data = tree.getData(path);
                recorder.reply(opId, sim.now(), Code.OK, zxid, Result.data(data.data(), data.stat()));
            } catch (ChorusException e) {
                recorder.reply(opId, sim.now(), e.code(), zxid, Result.none());
            }
        } else {
            Stat stat = tree.exists(path);
            recorder.reply(opId, sim.now(), stat == null ? Code.NONODE : Code.OK, zxid,
                    stat == null ? Result.none() : Result.stat(stat));
        }
        client.lastZxidSeen = Math.max(client.lastZxidSeen, zxid);
        think(client);
    }

    private void think(Client client) {
        sim.after(random.between(1, THINK_MILLIS_MAX), () -> next(client));
    }

    /**
     * Moves to a serving node that has applied everything this client has seen (a ZooKeeper server refuses
     * a session whose last seen zxid is ahead of it); retries after a pause until one has.
     */
    private void reconnect(Client client) {
        List<SimNode> candidates = new ArrayList<>();
        for (SimNode node : sim.nodes()) {
            if (serving(node) && node.lastAppliedZxid() >= client.lastZxidSeen) {
                candidates.add(node);
            }
        }
        if (!candidates.isEmpty()) {
            SimNode chosen = candidates.get(random.nextInt(candidates.size()));
            client.node = chosen.id();
            client.incarnation = chosen.incarnation();
        }
        think(client);
    }

    /** Up, not paused, and following or leading: a ZooKeeper server serves clients only then. */
    private static boolean serving(SimNode node) {
        if (!node.up() || node.paused() || node.leadership() == null) {
            return false;
        }
        Role role = node.leadership().role();
        return role == Role.LEADER || role == Role.FOLLOWER || role == Role.STANDALONE;
    }

    /**
     * An outstanding operation is given up (left unanswered: it may still take effect, or never) when its
     * timeout passes, or at once when its node crashed or stopped following a leader, since a ZooKeeper
     * server closes its client connections then and the client hears connection loss.
     */
    private void expireTimeouts() {
        for (Client client : clients) {
            Outstanding o = client.outstanding;
            if (o == null) {
                continue;
            }
            SimNode node = sim.node(o.node());
            if (sim.now() >= o.deadline() || !serving(node) || node.incarnation() != client.incarnation) {
                client.outstanding = null;
                reconnect(client);
            }
        }
    }

    // ---- answers ----

    @Override
    public void onApplied(int node, LogEntry entry, Object result) {
        Txn txn;
        try {
            txn = TxnCodec.decode(entry.payload());
        } catch (IOException e) {
            throw new IllegalStateException("applied entry does not decode", e);
        }
        Client client = bySession.get(txn.header().sessionId());
        if (client == null) {
            return;
        }
        Outstanding o = client.outstanding;
        if (o == null || !o.write() || o.node() != node || o.cxid() != txn.header().cxid()) {
            return; // applied elsewhere, or an earlier write the client gave up on
        }
        ApplyResult applied = (ApplyResult) result;
        recorder.reply(o.opId(), sim.now(), applied.code(), entry.zxid(), toResult(applied));
        client.outstanding = null;
        client.lastZxidSeen = Math.max(client.lastZxidSeen, entry.zxid());
        think(client);
    }

    @SuppressWarnings("unchecked")
    private static Result toResult(ApplyResult applied) {
        Object response = applied.response();
        if (response instanceof Created created) {
            return Result.created(created.path(), created.stat());
        }
        if (response instanceof Stat stat) {
            return Result.stat(stat);
        }
        if (response instanceof List<?> list) {
            return Result.multi((List<OpResult>) list);
        }
        return Result.none();
    }
}
