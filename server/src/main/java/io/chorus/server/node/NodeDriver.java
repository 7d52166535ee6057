package io.chorus.server.node;

import io.chorus.api.spi.Clock;
import io.chorus.api.spi.ConsensusProtocol;
import io.chorus.api.spi.Leadership;
import io.chorus.api.spi.AppMessage;
import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.ProposeOutcome;
import io.chorus.api.spi.Ready;
import io.chorus.datatree.ApplyResult;
import io.chorus.datatree.DataTree;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnCodec;
import io.chorus.server.net.ClientChannel;
import io.chorus.server.net.ClientRequestSink;
import io.chorus.server.net.ConnectPacket;
import io.chorus.server.net.RequestPacket;
import io.chorus.server.pipeline.Proposer;
import io.chorus.server.pipeline.RequestPipeline;
import io.chorus.api.spi.Outbound;
import io.chorus.api.spi.PeerMessage;
import io.chorus.api.spi.StateSnapshot;
import io.chorus.server.pipeline.ClientService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one node: feeds client packets, peer messages, log completions and ticks into the consensus protocol on
 * the {@link DriverLoop} thread, and carries out each {@link Ready} — truncate and append through the durable log,
 * install a snapshot or rebuild the tree when the protocol replaced its state, send peer messages, apply committed
 * entries to the tree, answer read barriers. Clients are served through the {@link ClientService} only while the
 * protocol's role allows. The protocol cannot tell this driver from the simulator's.
 */
public final class NodeDriver implements ClientRequestSink, Proposer, NodeStatus, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeDriver.class);
    /**
     * Accepted proposals whose transaction objects are kept for their apply (see {@link ProposedTxns}):
     * well above the group committer's queue bound, so in practice every one is.
     */
    static final int PROPOSED_TXNS_REMEMBERED_MAX = 100_000;

    private final ConsensusProtocol protocol;
    private final DurableLog log;
    private final Snapshotter snapshotter;
    private final TreeStates treeStates;
    private final PeerSender peers;
    private final Clock clock;
    private final DriverLoop loop;
    private final ProposedTxns proposed = new ProposedTxns(PROPOSED_TXNS_REMEMBERED_MAX);
    private DataTree tree;
    private ClientService clients;
    private volatile Leadership leadership;
    private final DurabilityReports durabilityReports = new DurabilityReports();
    private volatile long lastAppliedZxid;
    private volatile int nodeCount;
    private volatile long treeDigest;

    public NodeDriver(ConsensusProtocol protocol, DataTree tree, DurableLog log, Snapshotter snapshotter,
            TreeStates treeStates, PeerSender peers, Clock clock, long tickMillis, Consumer<Throwable> onFatal) {
        this.protocol = protocol;
        this.tree = tree;
        this.log = log;
        this.snapshotter = snapshotter;
        this.treeStates = treeStates;
        this.peers = peers;
        this.clock = clock;
        this.leadership = protocol.leadership();
        this.loop = new DriverLoop("chorus-driver", clock, tickMillis, this::tick, this::afterBatch, onFatal);
        publish();
    }

    /** Starts the protocol on top of the recovered state; {@code clientService} answers the clients. */
    public void start(ClientService clientService, long lastLoggedZxid) {
        this.clients = clientService;
        loop.execute(() -> {
            protocol.start(lastLoggedZxid, clock.millis());
            leadership = protocol.leadership();
            serve();
        });
        loop.start();
    }

    // ---- inputs, from any thread ----

    @Override
    public void connect(ClientChannel connection, ConnectPacket packet) {
        loop.execute(() -> clients.connect(connection, packet, monotonicMillis()));
    }

    @Override
    public void request(ClientChannel connection, RequestPacket packet) {
        loop.execute(() -> handle(connection, packet, monotonicMillis()));
    }

    /** One task for the whole read: one hand-off to the driver thread, however many requests it held. */
    @Override
    public void requests(ClientChannel connection, List<RequestPacket> packets) {
        loop.execute(() -> {
            long now = monotonicMillis();
            for (RequestPacket packet : packets) {
                handle(connection, packet, now);
            }
        });
    }

    private void handle(ClientChannel connection, RequestPacket packet, long nowMillis) {
        RequestPipeline pipeline = clients.current();
        if (pipeline == null || !clients.holds(connection)) {
            return; // its serving period ended and closed it; the client resends elsewhere
        }
        try {
            pipeline.onRequest(connection, packet, nowMillis);
        } catch (RuntimeException e) {
            // A request the pipeline could not handle (a null path, say) costs its connection only.
            LOG.warn("Request type {} from session 0x{} failed", packet.type(),
                    Long.toHexString(connection.sessionId()), e);
            connection.close("request could not be processed: " + e);
        }
    }

    @Override
    public void disconnected(ClientChannel connection) {
        loop.execute(() -> {
            RequestPipeline pipeline = clients.current();
            if (pipeline != null && clients.holds(connection)) {
                pipeline.onDisconnected(connection);
            }
            clients.disconnected(connection);
        });
    }

    /** The log made everything up to {@code zxid} durable (called on the log's thread). */
    public void durable(long zxid) {
        loop.execute(() -> protocol.persisted(durabilityReports.asReported(zxid)));
    }

    /** A message from another server (called on a transport thread). */
    public void received(int from, PeerMessage message) {
        loop.execute(() -> protocol.receive(from, message, clock.millis()));
    }

    /** The transport's connection to {@code peer} came up or went down (called on a transport thread). */
    public void peerConnection(int peer, boolean connected) {
        loop.execute(() -> protocol.peerConnection(peer, connected, clock.millis()));
    }

    // ---- Proposer, on the loop thread ----

    @Override
    public ProposeOutcome propose(Txn txn) {
        byte[] payload = TxnCodec.encode(txn);
        ProposeOutcome outcome = protocol.propose(payload, clock.millis());
        if (outcome == ProposeOutcome.ACCEPTED) {
            proposed.remember(payload, txn);
        }
        return outcome;
    }

    @Override
    public void readBarrier(long token) {
        protocol.readBarrier(token);
    }

    @Override
    public void leaderReadBarrier(long token) {
        protocol.leaderReadBarrier(token, clock.millis());
    }

    @Override
    public boolean sendToLeader(byte[] message) {
        return protocol.sendToLeader(message, clock.millis());
    }

    @Override
    public boolean sendToFollower(int server, byte[] message) {
        return protocol.sendToFollower(server, message, clock.millis());
    }

    /** The tree as it is now, for a protocol sending a follower a whole snapshot (on the loop thread). */
    public StateSnapshot captureState() {
        return treeStates.capture(tree);
    }

    /** The newest snapshot stored on disk, read back whole (on the loop thread, for a protocol's catch-up). */
    public Optional<StateSnapshot> newestStoredState() {
        return treeStates.newestStored();
    }

    /**
     * The tree as it is now, serialised while this driver goes on, and handed to the protocol on the loop thread
     * once done (see {@link io.chorus.api.spi.StateSnapshots#startCapture()}).
     */
    public boolean startCapture() {
        treeStates.captureInBackground(tree,
                snapshot -> loop.execute(() -> protocol.snapshotCaptured(snapshot, clock.millis())));
        return true;
    }

    // ---- the loop ----

    private void tick(long nowMillis) {
        protocol.tick(clock.millis());
        RequestPipeline pipeline = clients.current();
        if (pipeline != null) {
            pipeline.onTick(leadership.role(), nowMillis, report -> protocol.sendToLeader(report, clock.millis()));
        }
        clients.expireHeld(nowMillis);
        snapshotter.onTick(tree);
    }

    private void afterBatch() {
        while (protocol.hasReady()) {
            Ready ready = protocol.ready();
            long installed = carryOut(ready);
            protocol.advance(ready);
            if (installed >= 0) {
                protocol.persisted(installed); // the stored snapshot made everything up to it durable
            }
        }
        peers.flush();
        RequestPipeline pipeline = clients.current();
        if (pipeline != null) {
            pipeline.flush();
        }
    }

    /** Carries out one Ready; returns the zxid of a snapshot it installed, else -1. */
    private long carryOut(Ready ready) {
        boolean replaced = false;
        long installed = -1;
        if (ready.truncateAfterZxid() != -1) {
            proposed.clear();
            log.truncateAfter(ready.truncateAfterZxid());
            durabilityReports.truncationHandedOver(ready.truncateAfterZxid());
            // runs on the log's thread after the truncation and before the appends below: reports after it are of
            // the log as truncated
            log.onLogThread(txnLog -> null).whenComplete(
                    (done, failure) -> loop.execute(durabilityReports::truncationReached));
            if (ready.truncateAfterZxid() < tree.lastAppliedZxid() && ready.snapshotToInstall() == null) {
                // A tail applied at restart was never committed: the tree goes back to before it.
                LOG.info("Rebuilding the tree up to 0x{} without an uncommitted tail up to 0x{}",
                        Long.toHexString(ready.truncateAfterZxid()), Long.toHexString(tree.lastAppliedZxid()));
                tree = treeStates.rebuild(ready.truncateAfterZxid());
                replaced = true;
            }
        }
        if (ready.snapshotToInstall() != null) {
            StateSnapshot snapshot = ready.snapshotToInstall();
            try {
                tree = treeStates.install(snapshot);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot install the leader's snapshot", e);
            }
            LOG.info("Installed the leader's snapshot at 0x{} ({} bytes)", Long.toHexString(snapshot.zxid()),
                    snapshot.bytes().length);
            proposed.clear();
            replaced = true;
            installed = snapshot.zxid();
        }
        if (!ready.toPersist().isEmpty()) {
            log.append(ready.toPersist());
        }
        for (Outbound out : ready.messages()) {
            peers.send(out.to(), out.message());
        }
        if (ready.leadership() != null) {
            proposed.clear();
            leadership = ready.leadership();
            LOG.info("Now {} in epoch {} (leader {})", leadership.role(), leadership.epoch(), leadership.leaderId());
        }
        if (replaced || ready.leadership() != null) {
            serve();
        }
        RequestPipeline pipeline = clients.current();
        for (LogEntry entry : ready.committed()) {
            apply(entry, pipeline);
        }
        if (!ready.committed().isEmpty() || replaced) {
            publish(); // once per Ready rather than per entry: operators' reads need no finer grain
        }
        if (pipeline != null) {
            for (long token : ready.readBarriersSatisfied()) {
                pipeline.onReadBarrier(token);
            }
            for (long token : ready.readBarriersRefused()) {
                pipeline.onReadBarrierRefused(token);
            }
            for (AppMessage message : ready.appMessages()) {
                pipeline.onAppMessage(message.from(), message.bytes(), monotonicMillis());
            }
        }
        return installed;
    }

    /** Starts or ends serving clients as the role and tree now say. */
    private void serve() {
        clients.serve(leadership.role(), tree, monotonicMillis());
    }

    private void apply(LogEntry entry, RequestPipeline pipeline) {
        Txn txn = proposed.take(entry.payload());
        if (txn == null) {
            txn = TxnCodec.decodeCommitted(entry);
        }
        ApplyResult result = tree.apply(entry.zxid(), txn);
        if (pipeline != null) {
            pipeline.onApplied(entry.zxid(), txn, result);
        }
        snapshotter.afterApply(tree);
    }

    private void publish() {
        lastAppliedZxid = tree.lastAppliedZxid();
        nodeCount = tree.nodeCount();
        treeDigest = tree.digest();
    }

    private long monotonicMillis() {
        return clock.nanos() / 1_000_000;
    }

    // ---- what operators see ----

    @Override
    public Leadership leadership() {
        return leadership;
    }

    @Override
    public long lastAppliedZxid() {
        return lastAppliedZxid;
    }

    @Override
    public int nodeCount() {
        return nodeCount;
    }

    @Override
    public long treeDigest() {
        return treeDigest;
    }

    /** Runs {@code query} on the driver thread and waits for it (for tools and tests, never the hot path). */
    public <T> T query(Supplier<T> query) {
        if (loop.inLoop()) {
            return query.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> result.complete(query.get()));
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("driver did not answer", e);
        }
    }

    @Override
    public void close() {
        loop.close();
    }
}
