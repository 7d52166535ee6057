package io.chorus.testkit.zk;

import io.chorus.api.Acl;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.ReadConsistency;
import io.chorus.client.wire.JuteMapping;
import io.chorus.client.wire.OpCode;
import io.chorus.server.net.ReplyPacket;
import io.chorus.server.net.RequestPacket;
import io.chorus.testkit.sim.NodeListener;
import io.chorus.testkit.sim.SimRandom;
import io.chorus.testkit.sim.Simulation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.GetDataResponse;
import org.apache.zookeeper.proto.SetDataRequest;
import org.apache.zookeeper.proto.SetDataResponse;
import org.apache.zookeeper.proto.SyncRequest;

/**
 * The read-mode experiment's simulated clients: each is homed on one server (client i on server (i-1) mod N + 1,
 * so every server has readers), connects there when it serves and elsewhere only while it does not, and runs a
 * closed loop of reads (with probability {@code readRatio}) and unconditional setData over a few pre-created
 * keys. Client i reads in mode i mod the number of modes (one mode for all, or the modes side by side for a
 * failover timeline). A read is issued in its mode: LOCAL as a plain getData, SYNC as ZooKeeper's recipe (sync, then the
 * getData on the same session) unless {@code serverSideModes}, and LEADER and LINEARIZABLE (and SYNC with
 * {@code serverSideModes}) as Chorus's {@link OpCode#CHORUS_READ}. Every finished (or lost) operation goes to the
 * sink as a {@link TimedOp}, times in simulated microseconds. Unlike {@link ZkClients} this workload is not for
 * the checkers: it keeps the reply header's zxid of every read, which is what staleness is measured against.
 */
public final class ReadWorkloadClients {

    /**
     * @param clients         how many clients
     * @param keys            how many znodes they read and write
     * @param readRatio       probability that an operation is a read
     * @param modes           the consistencies reads ask for, client i using modes[(i-1) mod size]
     * @param serverSideModes whether SYNC goes to the server as a CHORUS_READ rather than as the client-side recipe
     * @param thinkMillisMax  each client waits 0..this between an answer and its next operation
     * @param readOnlyPerServer clients added after the others that only read, this many homed on each server: a
     *                        client whose write waits on a cut-off server stops reading there, these keep reading
     */
    public record Settings(int clients, int keys, double readRatio, List<ReadConsistency> modes,
            boolean serverSideModes, long thinkMillisMax, int readOnlyPerServer) {
        public Settings {
            modes = List.copyOf(modes);
            if (modes.isEmpty()) {
                throw new IllegalArgumentException("no read mode");
            }
        }
    }

    private final Simulation sim;
    private final Settings settings;
    private final Consumer<TimedOp> sink;
    private final SimRandom random;
    private final NodeServices services;
    private final List<Client> clients = new ArrayList<>();
    private final SimClientChannel.LinkDelay link;
    private boolean stopped;
    private int keysCreated;

    public ReadWorkloadClients(Simulation sim, Settings settings, Consumer<TimedOp> sink) {
        this.sim = sim;
        this.settings = settings;
        this.sink = sink;
        this.random = sim.workloadRandom();
        this.link = action -> sim.after(SimClientSession.LINK_DELAY_MILLIS, action);
        this.services = new NodeServices(sim, random, (node, applied) -> { });
        List<Integer> ids = sim.nodeIds();
        int total = settings.clients() + settings.readOnlyPerServer() * ids.size();
        for (int i = 1; i <= total; i++) {
            clients.add(new Client(i, ids.get((i - 1) % ids.size()),
                    settings.modes().get((i - 1) % settings.modes().size()), i > settings.clients()));
        }
    }

    /** Client 1 creates the keys first; the others start once they exist (see {@link #ready()}). */
    public void start() {
        clients.get(0).next();
        services.start(sim);
        sim.every(SimClientSession.SESSION_TIMEOUT_MILLIS / 4, () -> clients.forEach(Client::pingIfIdle));
    }

    /** Whether the keys exist and every client has started its loop. */
    public boolean ready() {
        return keysCreated >= settings.keys();
    }

    /** No new operations; outstanding ones may still be answered. */
    public void stop() {
        stopped = true;
    }

    /** The server client {@code index} is homed on. */
    public int homeOf(int index) {
        return clients.get(index - 1).home;
    }

    /** What the simulation must hear of the nodes for these clients to be served. */
    public NodeListener listener() {
        return services;
    }

    private static String key(int i) {
        return "/rw" + i;
    }

    /** What a client waits for: a sync of the recipe (then the read), the read or write itself, or a create. */
    private enum Step { CREATE, SYNC, READ, WRITE }

    private record Pending(int xid, Step step, String key, long invokedMillis, int server) {
    }

    private final class Client extends SimClientSession {
        final int home;
        final ReadConsistency mode;
        final boolean readOnly;
        int nextValue = 1;
        Pending pending;

        Client(int index, int home, ReadConsistency mode, boolean readOnly) {
            super(ReadWorkloadClients.this.sim, index, ReadWorkloadClients.this.services,
                    ReadWorkloadClients.this.link);
            this.home = home;
            this.mode = mode;
            this.readOnly = readOnly;
        }

        @Override
        boolean stopped() {
            return stopped;
        }

        @Override
        boolean idle() {
            return pending == null;
        }

        /** Its home server while that serves, else any that does. */
        @Override
        int chooseServer() {
            if (services.get(home).serving()) {
                return home;
            }
            List<Integer> serving = services.serving();
            return serving.isEmpty() ? -1 : serving.get(random.nextInt(serving.size()));
        }

        @Override
        void issue() {
            if (!ready()) {
                if (index == 1) {
                    String path = key(keysCreated);
                    pending = new Pending(nextXid, Step.CREATE, path, sim.now(), channel.serverId());
                    send(RequestPacket.of(nextXid++, OpCode.CREATE2, new CreateRequest(path, new byte[0],
                            JuteMapping.toJute(Acl.OPEN_ACL_UNSAFE), CreateMode.PERSISTENT.flag())));
                }
                return;
            }
            String key = key(random.nextInt(settings.keys()));
            int xid = nextXid++;
            if (random.nextDouble() >= settings.readRatio() && !readOnly) {
                byte[] value = ("c" + index + "-" + nextValue++).getBytes(StandardCharsets.UTF_8);
                pending = new Pending(xid, Step.WRITE, key, sim.now(), channel.serverId());
                send(RequestPacket.of(xid, OpCode.SET_DATA, new SetDataRequest(key, value, -1)));
                return;
            }
            if (mode == ReadConsistency.SYNC && !settings.serverSideModes()) {
                pending = new Pending(xid, Step.SYNC, key, sim.now(), channel.serverId());
                send(RequestPacket.of(xid, OpCode.SYNC, new SyncRequest(key)));
            } else {
                pending = new Pending(xid, Step.READ, key, sim.now(), channel.serverId());
                send(readPacket(xid, key));
            }
        }

        private RequestPacket readPacket(int xid, String key) {
            GetDataRequest read = new GetDataRequest(key, false);
            boolean plain = mode == ReadConsistency.LOCAL || (mode == ReadConsistency.SYNC && !settings.serverSideModes());
            return plain ? RequestPacket.of(xid, OpCode.GET_DATA, read)
                    : RequestPacket.read(xid, OpCode.GET_DATA, read, mode); // as the decoder unwraps a CHORUS_READ
        }

        @Override
        void established(boolean newSession) {
            sim.after(random.between(0, settings.thinkMillisMax()), this::next);
        }

        @Override
        void replied(ReplyPacket reply) {
            int xid = reply.header().getXid();
            long zxid = reply.header().getZxid();
            if (zxid > 0) {
                lastZxidSeen = Math.max(lastZxidSeen, zxid);
            }
            if (xid < 0 || pending == null || xid != pending.xid()) {
                return;
            }
            Code code = Code.of(reply.header().getErr());
            Pending done = pending;
            pending = null;
            switch (done.step()) {
                case CREATE -> {
                    if (code == Code.OK || code == Code.NODEEXISTS) {
                        keysCreated++;
                    }
                    if (ready()) {
                        // the keys exist: every other client starts its loop, spread over a few milliseconds
                        for (Client other : clients.subList(1, clients.size())) {
                            sim.after(random.between(0, settings.thinkMillisMax()), other::next);
                        }
                    }
                }
                case SYNC -> {
                    if (code == Code.OK) {
                        // the recipe's read, on the same session right after the sync: one operation, timed from the sync
                        int readXid = nextXid++;
                        pending = new Pending(readXid, Step.READ, done.key(), done.invokedMillis(), done.server());
                        send(readPacket(readXid, done.key()));
                        return;
                    }
                    record(done, false, code, zxid, 0);
                }
                case READ -> {
                    long mzxid = code == Code.OK && reply.body() instanceof GetDataResponse r ? r.getStat().getMzxid() : 0;
                    record(done, false, code, zxid, mzxid);
                }
                case WRITE -> {
                    long mzxid = code == Code.OK && reply.body() instanceof SetDataResponse r ? r.getStat().getMzxid() : 0;
                    record(done, true, code, zxid, mzxid);
                }
                default -> throw new IllegalStateException("unknown step " + done.step());
            }
            sim.after(random.between(0, settings.thinkMillisMax()), this::next);
        }

        private void record(Pending done, boolean write, Code code, long servedZxid, long mzxid) {
            sink.accept(new TimedOp(index, done.server(), write, write ? null : mode, done.key(),
                    done.invokedMillis() * 1_000, sim.now() * 1_000, code.intValue(), servedZxid, mzxid));
        }

        @Override
        void lost() {
            if (pending != null && pending.step() != Step.CREATE) {
                Pending lost = pending;
                sink.accept(new TimedOp(index, lost.server(), lost.step() == Step.WRITE,
                        lost.step() == Step.WRITE ? null : mode, lost.key(), lost.invokedMillis() * 1_000,
                        TimedOp.UNANSWERED, Code.CONNECTIONLOSS.intValue(), 0, 0));
            }
            pending = null;
        }
    }
}
