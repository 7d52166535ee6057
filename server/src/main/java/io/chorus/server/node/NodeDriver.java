package io.chorus.server.node;

import io.chorus.api.spi.Clock;
import io.chorus.api.spi.ConsensusProtocol;
import io.chorus.api.spi.Leadership;
import io.chorus.api.spi.LearnerMessage;
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
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one node: feeds client packets, log completions and ticks into the consensus protocol on the
 * {@link DriverLoop} thread, and carries out each {@link Ready} — truncate and append through the
 * durable log, apply committed entries to the tree, answer read barriers. The protocol cannot tell
 * this driver from the simulator's.
 */
public final class NodeDriver implements ClientRequestSink, Proposer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeDriver.class);
    /**
     * Accepted proposals whose transaction objects are kept for their apply (see {@link ProposedTxns}):
     * well above the group committer's queue bound, so in practice every one is.
     */
    static final int PROPOSED_TXNS_REMEMBERED_MAX = 100_000;

    private final ConsensusProtocol protocol;
    private final DataTree tree;
    private final DurableLog log;
    private final Snapshotter snapshotter;
    private final Clock clock;
    private final DriverLoop loop;
    private final ProposedTxns proposed = new ProposedTxns(PROPOSED_TXNS_REMEMBERED_MAX);
    private RequestPipeline pipeline;
    private volatile Leadership leadership;
    private volatile long lastAppliedZxid;
    private volatile int nodeCount;

    public NodeDriver(ConsensusProtocol protocol, DataTree tree, DurableLog log, Snapshotter snapshotter,
            Clock clock, long tickMillis, Consumer<Throwable> onFatal) {
        this.protocol = protocol;
        this.tree = tree;
        this.log = log;
        this.snapshotter = snapshotter;
        this.clock = clock;
        this.leadership = protocol.leadership();
        this.lastAppliedZxid = tree.lastAppliedZxid();
        this.nodeCount = tree.nodeCount();
        this.loop = new DriverLoop("chorus-driver", clock, tickMillis, this::tick, this::afterBatch, onFatal);
    }

    /** Starts the protocol on top of the recovered state; {@code pipeline} answers the clients. */
    public void start(RequestPipeline requestPipeline, long lastLoggedZxid) {
        this.pipeline = requestPipeline;
        pipeline.restoreSessions(monotonicMillis());
        protocol.start(lastLoggedZxid, clock.millis());
        loop.start();
    }

    // ---- inputs, from any thread ----

    @Override
    public void connect(ClientChannel connection, ConnectPacket packet) {
        loop.execute(() -> pipeline.onConnect(connection, packet, monotonicMillis()));
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
        loop.execute(() -> pipeline.onDisconnected(connection));
    }

    /** The log made everything up to {@code zxid} durable (called on the log's thread). */
    public void durable(long zxid) {
        loop.execute(() -> protocol.persisted(zxid));
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

    // ---- the loop ----

    private void tick(long nowMillis) {
        protocol.tick(clock.millis());
        pipeline.onTick(leadership.role(), nowMillis, report -> protocol.sendToLeader(report, clock.millis()));
        snapshotter.onTick(tree);
    }

    private void afterBatch() {
        while (protocol.hasReady()) {
            Ready ready = protocol.ready();
            if (ready.truncateAfterZxid() != -1) {
                proposed.clear();
                log.truncateAfter(ready.truncateAfterZxid());
            }
            if (!ready.toPersist().isEmpty()) {
                log.append(ready.toPersist());
            }
            for (LogEntry entry : ready.committed()) {
                apply(entry);
            }
            if (!ready.committed().isEmpty()) {
                // Published once per Ready rather than per entry: operators' reads need no finer grain.
                lastAppliedZxid = tree.lastAppliedZxid();
                nodeCount = tree.nodeCount();
            }
            for (long token : ready.readBarriersSatisfied()) {
                pipeline.onReadBarrier(token);
            }
            for (LearnerMessage message : ready.fromLearners()) {
                pipeline.onTouchReport(message.from(), message.bytes(), monotonicMillis());
            }
            if (ready.leadership() != null) {
                proposed.clear();
                leadership = ready.leadership();
                LOG.info("Now {} in epoch {}", leadership.role(), leadership.epoch());
            }
            protocol.advance(ready);
        }
        pipeline.flush();
    }

    private void apply(LogEntry entry) {
        Txn txn = proposed.take(entry.payload());
        if (txn == null) {
            txn = TxnCodec.decodeCommitted(entry);
        }
        ApplyResult result = tree.apply(entry.zxid(), txn);
        pipeline.onApplied(entry.zxid(), txn, result);
        snapshotter.afterApply(tree);
    }

    private long monotonicMillis() {
        return clock.nanos() / 1_000_000;
    }

    // ---- what operators see ----

    public Leadership leadership() {
        return leadership;
    }

    public long lastAppliedZxid() {
        return lastAppliedZxid;
    }

    public int nodeCount() {
        return nodeCount;
    }

    /** Runs {@code query} on the driver thread and waits for it (for tools and tests, never the hot path). */
    public <T> T query(java.util.function.Supplier<T> query) {
        if (loop.inLoop()) {
            return query.get();
        }
        java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
        loop.execute(() -> result.complete(query.get()));
        try {
            return result.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("driver did not answer", e);
        }
    }

    @Override
    public void close() {
        loop.close();
    }
}
