package io.chorus.testkit.zk;

import io.chorus.api.Acl;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.EventType;
import io.chorus.api.Op;
import io.chorus.api.OpResult;
import io.chorus.api.ReadConsistency;
import io.chorus.client.wire.JuteMapping;
import io.chorus.client.wire.MultiRequestRecord;
import io.chorus.client.wire.MultiResponseRecord;
import io.chorus.client.wire.OpCode;
import io.chorus.client.wire.WireOp;
import io.chorus.client.wire.WireResult;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnBody;
import io.chorus.server.net.ReplyPacket;
import io.chorus.server.net.RequestPacket;
import io.chorus.testkit.check.HistoryRecorder;
import io.chorus.testkit.check.Invocation;
import io.chorus.testkit.check.Result;
import io.chorus.testkit.sim.NodeListener;
import io.chorus.testkit.sim.SimRandom;
import io.chorus.testkit.sim.Simulation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jute.Record;

import org.apache.zookeeper.proto.Create2Response;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.DeleteRequest;
import org.apache.zookeeper.proto.ExistsRequest;
import org.apache.zookeeper.proto.ExistsResponse;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.GetDataResponse;
import org.apache.zookeeper.proto.SetDataRequest;
import org.apache.zookeeper.proto.SetDataResponse;
import org.apache.zookeeper.proto.SetWatches;
import org.apache.zookeeper.proto.SyncRequest;
import org.apache.zookeeper.proto.WatcherEvent;

/**
 * Simulated ZooKeeper clients talking to the server's own request pipeline on each node ({@link
 * NodeService}) with ZooKeeper's wire records: a session per client (created by connecting, kept by
 * pings, carried to another server on reconnect with its id, password, last zxid seen and watches),
 * persistent, ephemeral and sequential creates, setData, delete, multi, getData and exists (some leaving
 * watches), sync and closing the session. One operation outstanding per client. Every call, answer, notification and session end goes
 * into a {@link HistoryRecorder}; an operation whose connection is lost first stays unanswered (an
 * unknown outcome). An expiry is recorded as a close without an answer, when it is first applied.
 */
public final class ZkClients {
    static final int KEYS = 5;
    private static final long THINK_MILLIS_MAX = 20;

    private final Simulation sim;
    private final HistoryRecorder recorder;
    private final SimRandom random;
    private final NodeServices services;
    private final List<Client> clients = new ArrayList<>();
    private final Map<Long, Client> bySession = new HashMap<>();
    private final Set<Long> endedSessions = new HashSet<>();
    private final SimClientChannel.LinkDelay link;
    /** Draws each read's consistency when reads mix them; null when every read is ZooKeeper's own (LOCAL). */
    private final SimRandom consistencies;
    private boolean stopped;

    public ZkClients(Simulation sim, HistoryRecorder recorder, int count) {
        this(sim, recorder, count, false);
    }

    /**
     * @param mixedReads each read asks for LOCAL, SYNC, LEADER or LINEARIZABLE consistency at random (drawn
     *                   from a stream of its own, so the rest of the workload is the same as without)
     */
    public ZkClients(Simulation sim, HistoryRecorder recorder, int count, boolean mixedReads) {
        this.sim = sim;
        this.recorder = recorder;
        this.random = sim.workloadRandom();
        this.consistencies = mixedReads ? new SimRandom(sim.seed() * 31 + 7) : null;
        this.link = action -> sim.after(SimClientSession.LINK_DELAY_MILLIS, action);
        this.services = new NodeServices(sim, random, this::beforeApplied);
        for (int i = 1; i <= count; i++) {
            clients.add(new Client(i));
        }
    }

    public void start() {
        for (Client client : clients) {
            sim.after(random.between(1, THINK_MILLIS_MAX), client::next);
        }
        services.start(sim);
        sim.every(SimClientSession.SESSION_TIMEOUT_MILLIS / 4, () -> clients.forEach(Client::pingIfIdle));
    }

    /** No new operations; connections stay, so outstanding ones may still be answered. */
    public void stop() {
        stopped = true;
    }


    /** What the simulation must hear of the nodes for these clients to be served. */
    public NodeListener listener() {
        return services;
    }

    // ---- from the nodes ----

    /** An expiry is recorded as the session's close when first applied anywhere, before the node answers. */
    private void beforeApplied(int node, TreeStateMachine.Applied applied) {
        Txn txn = applied.txn();
        long session = txn.header().sessionId();
        if (txn.body() instanceof TxnBody.CloseSession && endedSessions.add(session)) {
            Client client = bySession.get(session);
            if (client != null) {
                // An expiry is where the session's ephemerals go, so the checkers must see it; the client sent
                // nothing and hears no answer, so it is a call without a reply, made when the close is first
                // applied anywhere (nobody can see its effect earlier).
                recorder.invoke(client.index, session, Invocation.closeSession(), sim.now());
            }
        }
    }

    // ---- a client ----

    /** The operation a client waits for: its xid, the recorded op, and how to read the answer. */
    private record Pending(int xid, long opId, int type, String path, boolean watch) {
    }

    private final class Client extends SimClientSession {
        int nextValue = 1;
        /** One-shot watches this client holds, to set again on a new connection (ZooKeeper's setWatches). */
        final Set<String> dataWatches = new TreeSet<>();
        final Set<String> existWatches = new TreeSet<>();
        Pending pending;

        Client(int index) {
            super(ZkClients.this.sim, index, ZkClients.this.services, ZkClients.this.link);
        }

        @Override
        boolean stopped() {
            return stopped;
        }

        @Override
        boolean idle() {
            return pending == null;
        }

        @Override
        int chooseServer() {
            List<Integer> serving = services.serving();
            return serving.isEmpty() ? -1 : serving.get(random.nextInt(serving.size()));
        }

        @Override
        void issue() {
            String key = "/k" + random.nextInt(KEYS);
            byte[] value = ("c" + index + "-" + nextValue++).getBytes(StandardCharsets.UTF_8);
            int version = random.nextInt(3) == 0 ? random.nextInt(3) : -1;
            int roll = random.nextInt(100);
            int xid = nextXid++;
            boolean watch = false;
            Invocation call;
            RequestPacket packet;
            if (roll < 20) {
                watch = random.nextInt(2) == 0;
                ReadConsistency consistency = nextConsistency();
                call = Invocation.getData(key).withConsistency(consistency);
                packet = read(xid, OpCode.GET_DATA, new GetDataRequest(key, watch), consistency);
            } else if (roll < 30) {
                watch = random.nextInt(2) == 0;
                ReadConsistency consistency = nextConsistency();
                call = Invocation.exists(key).withConsistency(consistency);
                packet = read(xid, OpCode.EXISTS, new ExistsRequest(key, watch), consistency);
            } else if (roll < 55) {
                CreateMode mode = roll < 40 ? CreateMode.PERSISTENT
                        : roll < 50 ? CreateMode.EPHEMERAL : CreateMode.PERSISTENT_SEQUENTIAL;
                String path = mode == CreateMode.PERSISTENT_SEQUENTIAL ? "/s-" : key;
                call = Invocation.create(path, value, mode);
                packet = RequestPacket.of(xid, OpCode.CREATE2, new CreateRequest(path, value,
                        JuteMapping.toJute(Acl.OPEN_ACL_UNSAFE), mode.flag()));
            } else if (roll < 75) {
                call = Invocation.setData(key, value, version);
                packet = RequestPacket.of(xid, OpCode.SET_DATA, new SetDataRequest(key, value, version));
            } else if (roll < 87) {
                call = Invocation.delete(key, version);
                packet = RequestPacket.of(xid, OpCode.DELETE, new DeleteRequest(key, version));
            } else if (roll < 95) {
                String other = "/k" + random.nextInt(KEYS);
                List<Op> ops = List.of(new Op.Check(key, version), new Op.SetData(other, value, -1));
                call = Invocation.multi(ops);
                packet = RequestPacket.of(xid, OpCode.MULTI, new MultiRequestRecord(List.of(
                        new WireOp(OpCode.CHECK, ops.get(0)), new WireOp(OpCode.SET_DATA, ops.get(1)))));
            } else if (roll < 96) {
                // the client ends its session: its ephemerals go, and it starts a new one
                call = Invocation.closeSession();
                packet = RequestPacket.of(xid, OpCode.CLOSE_SESSION, null);
                endedSessions.add(session); // recorded as this call, not again when the close applies
            } else {
                call = Invocation.sync(key);
                packet = RequestPacket.of(xid, OpCode.SYNC, new SyncRequest(key));
            }
            pending = new Pending(xid, recorder.invoke(index, session, call, sim.now()), packet.type(), key, watch);
            send(packet);
        }

        private ReadConsistency nextConsistency() {
            return consistencies == null ? ReadConsistency.LOCAL
                    : ReadConsistency.values()[consistencies.nextInt(ReadConsistency.values().length)];
        }

        /** A read as the server decodes it: ZooKeeper's own for LOCAL, else Chorus's CHORUS_READ unwrapped. */
        private static RequestPacket read(int xid, int type, org.apache.jute.Record body, ReadConsistency c) {
            return c == ReadConsistency.LOCAL ? RequestPacket.of(xid, type, body) : RequestPacket.read(xid, type, body, c);
        }

        @Override
        void established(boolean newSession) {
            if (newSession) {
                bySession.put(session, this);
                dataWatches.clear(); // watches belong to the session that set them
                existWatches.clear();
            }
            if (!dataWatches.isEmpty() || !existWatches.isEmpty()) {
                // as the ZooKeeper client does first on a new connection: events missed meanwhile fire now
                send(RequestPacket.of(OpCode.XID_SET_WATCHES, OpCode.SET_WATCHES, new SetWatches(lastZxidSeen,
                        new ArrayList<>(dataWatches), new ArrayList<>(existWatches), List.of())));
            }
            sim.after(random.between(1, THINK_MILLIS_MAX), this::next);
        }

        @Override
        void replied(ReplyPacket reply) {
            int xid = reply.header().getXid();
            long zxid = reply.header().getZxid();
            if (xid == OpCode.XID_NOTIFICATION) {
                WatcherEvent event = (WatcherEvent) reply.body();
                recorder.notification(index, session, event.getPath(), EventType.of(event.getType()), zxid, sim.now());
                dataWatches.remove(event.getPath()); // one-shot: fired
                existWatches.remove(event.getPath());
                return;
            }
            if (zxid > 0) {
                lastZxidSeen = Math.max(lastZxidSeen, zxid);
            }
            if (xid == OpCode.XID_PING || xid == OpCode.XID_SET_WATCHES || pending == null || xid != pending.xid()) {
                return;
            }
            Code code = Code.of(reply.header().getErr());
            Result result = code == Code.OK ? result(reply.body()) : Result.none();
            if (pending.watch()) {
                // the server left a data watch when the node was there, an exist watch when exists found none
                if (code == Code.OK) {
                    dataWatches.add(pending.path());
                } else if (code == Code.NONODE && pending.type() == OpCode.EXISTS) {
                    existWatches.add(pending.path());
                }
            }
            if (code == Code.OK && result.results() != null) {
                // a multi answers OK in the header; its first failing op is the error the client sees
                for (OpResult op : result.results()) {
                    if (op instanceof OpResult.ErrorResult error && error.code() != Code.OK) {
                        code = error.code();
                        break;
                    }
                }
            }
            recorder.reply(pending.opId(), sim.now(), code, zxid, result);
            if (pending.type() == OpCode.CLOSE_SESSION) {
                endSession(); // the server closes the connection next; the client then starts a new session
            }
            pending = null;
            sim.after(random.between(1, THINK_MILLIS_MAX), this::next);
        }

        @Override
        void lost() {
            pending = null; // unanswered: it may or may not have taken effect
        }
    }

    private static Result result(Record body) {
        if (body instanceof Create2Response r) {
            return Result.created(r.getPath(), JuteMapping.fromJute(r.getStat()));
        }
        if (body instanceof SetDataResponse r) {
            return Result.stat(JuteMapping.fromJute(r.getStat()));
        }
        if (body instanceof GetDataResponse r) {
            return Result.data(r.getData(), JuteMapping.fromJute(r.getStat()));
        }
        if (body instanceof ExistsResponse r) {
            return Result.stat(JuteMapping.fromJute(r.getStat()));
        }
        if (body instanceof MultiResponseRecord r) {
            List<OpResult> results = new ArrayList<>();
            for (WireResult w : r.results()) {
                results.add(w.result());
            }
            return Result.multi(results);
        }
        return Result.none();
    }
}
