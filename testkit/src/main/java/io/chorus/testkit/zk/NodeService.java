package io.chorus.testkit.zk;

import io.chorus.api.spi.AppMessage;
import io.chorus.api.spi.ProposeOutcome;
import io.chorus.api.spi.RandomSource;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnCodec;
import io.chorus.datatree.watch.WatchManager;
import io.chorus.server.config.ServerConfig;
import io.chorus.server.net.ConnectPacket;
import io.chorus.server.net.RequestPacket;
import io.chorus.server.pipeline.ClientService;
import io.chorus.server.pipeline.Proposer;
import io.chorus.server.pipeline.RequestPipeline;
import io.chorus.server.session.SessionTracker;
import io.chorus.testkit.sim.SimNode;
import io.chorus.testkit.sim.Simulation;

/**
 * The server's own request pipeline hosted on a simulated node: sessions, per-session FIFO queues,
 * writes proposed through the node's protocol and answered once applied there, local reads, watches,
 * sync through the protocol's read barrier, session touches reported to the leader, and expiry decided
 * by the leader. As a ZooKeeper server does, it serves clients only while following or leading, and
 * drops every connection when it stops (a crash, an election, a state replaced by a snapshot); the next
 * serving period starts with a fresh pipeline over the node's current tree, every session given a full
 * timeout to come back.
 */
final class NodeService {
    private final Simulation sim;
    private final SimNode node;
    private final ClientService service;
    private long servedIncarnation = -1;

    NodeService(Simulation sim, SimNode node, ServerConfig config, RandomSource passwords) {
        this.sim = sim;
        this.node = node;
        this.service = new ClientService(tree -> new RequestPipeline(config, node.id(), tree, new WatchManager(),
                new SessionTracker(), new NodeProposer(), sim.clock(), passwords));
    }

    /** The pipeline if this node serves clients now, after starting or stopping serving as its state says. */
    RequestPipeline current() {
        boolean running = node.up() && !node.paused() && node.leadership() != null;
        if (!running || servedIncarnation != node.incarnation()) {
            service.stop("server " + node.id() + " stopped serving");
        }
        if (!running) {
            return null;
        }
        servedIncarnation = node.incarnation();
        return service.serve(node.leadership().role(), ((TreeStateMachine) node.stateMachine()).tree(), sim.now());
    }

    boolean serving() {
        return current() != null;
    }

    // ---- from clients ----

    /** A client opens a connection; null when this node does not serve clients now. */
    SimClientChannel connect(SimClientChannel.ClientEnd client, int clientIndex, ConnectPacket packet,
            SimClientChannel.LinkDelay link) {
        RequestPipeline serving = current();
        if (serving == null) {
            return null;
        }
        SimClientChannel channel = new SimClientChannel(client, clientIndex, node.id(), link);
        service.connected(channel);
        link.after(() -> {
            RequestPipeline p = current();
            if (p != null && channel.isOpen() && service.holds(channel)) {
                p.onConnect(channel, packet, sim.now());
                p.flush();
            }
        });
        return channel;
    }

    void request(SimClientChannel channel, RequestPacket packet, SimClientChannel.LinkDelay link) {
        link.after(() -> {
            RequestPipeline p = current();
            if (p != null && channel.isOpen() && service.holds(channel)) {
                p.onRequest(channel, packet, sim.now());
                p.flush();
            }
        });
    }

    // ---- from the node ----

    void applied(long zxid, TreeStateMachine.Applied applied) {
        RequestPipeline p = current();
        if (p == null) {
            return;
        }
        p.onApplied(zxid, applied.txn(), applied.result());
        p.flush();
    }

    void readBarrier(long token) {
        RequestPipeline p = current();
        if (p != null) {
            p.onReadBarrier(token);
            p.flush();
        }
    }

    void readBarrierRefused(long token) {
        RequestPipeline p = current();
        if (p != null) {
            p.onReadBarrierRefused(token);
            p.flush();
        }
    }

    void appMessage(AppMessage message) {
        RequestPipeline p = current();
        if (p != null) {
            p.onAppMessage(message.from(), message.bytes(), sim.now());
            p.flush();
        }
    }

    /** Each tick, as the server's driver does: see {@link RequestPipeline#onTick}. */
    void tick() {
        RequestPipeline p = current();
        if (p != null) {
            p.onTick(node.leadership().role(), sim.now(), node::sendToLeader);
            p.flush();
        }
    }

    /** The pipeline's way into this node's protocol. */
    private final class NodeProposer implements Proposer {
        @Override
        public ProposeOutcome propose(Txn txn) {
            return node.propose(TxnCodec.encode(txn));
        }

        /** Asked from inside the pipeline's admission of the sync; answered from the event queue, as a driver would. */
        @Override
        public void readBarrier(long token) {
            sim.after(0, () -> node.readBarrier(token));
        }

        @Override
        public void leaderReadBarrier(long token) {
            sim.after(0, () -> node.leaderReadBarrier(token));
        }

        /** Sent from the event queue too, so that the pipeline is never re-entered from inside itself. */
        @Override
        public boolean sendToLeader(byte[] message) {
            if (node.leadership() == null || node.leadership().role() == io.chorus.api.spi.Role.LOOKING) {
                return false;
            }
            sim.after(0, () -> node.sendToLeader(message));
            return true;
        }

        @Override
        public boolean sendToFollower(int server, byte[] message) {
            sim.after(0, () -> node.sendToFollower(server, message));
            return true;
        }
    }
}
