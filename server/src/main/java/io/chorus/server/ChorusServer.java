package io.chorus.server;

import com.google.inject.Guice;
import io.chorus.api.spi.Clock;
import io.chorus.api.spi.ConsensusProtocol;
import io.chorus.datatree.DataTree;
import io.chorus.datatree.TreeOptions;
import io.chorus.datatree.watch.WatchManager;
import io.chorus.persistence.DataDirectory;
import io.chorus.persistence.log.FileTxnLogOptions;
import io.chorus.persistence.log.GroupCommitLimits;
import io.chorus.server.config.ServerConfig;
import io.chorus.server.net.ClientPortServer;
import io.chorus.server.node.FourLetterWords;
import io.chorus.server.node.GroupCommitLog;
import io.chorus.server.node.NodeDriver;
import io.chorus.server.node.Recovery;
import io.chorus.server.node.Snapshotter;
import io.chorus.server.pipeline.RequestPipeline;
import io.chorus.server.session.SessionTracker;
import io.chorus.server.wiring.StandaloneModule;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Chorus node: its data directory, the driver thread with the consensus protocol and the
 * tree, and the client port. {@link #start} recovers the tree from disk and returns once clients can
 * connect; {@link #close} stops everything it started, newest first.
 */
public final class ChorusServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChorusServer.class);

    private final Deque<AutoCloseable> owned;
    private final NodeDriver driver;
    private final DataTree tree;
    private final ClientPortServer clientPort;
    private final CompletableFuture<Void> terminated;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ChorusServer(Deque<AutoCloseable> owned, NodeDriver driver, DataTree tree, ClientPortServer clientPort,
            CompletableFuture<Void> terminated) {
        this.owned = owned;
        this.driver = driver;
        this.tree = tree;
        this.clientPort = clientPort;
        this.terminated = terminated;
    }

    public static ChorusServer start(ServerConfig config) throws IOException {
        Deque<AutoCloseable> owned = new ArrayDeque<>();
        CompletableFuture<Void> terminated = new CompletableFuture<>();
        try {
            ConsensusProtocol protocol = Guice.createInjector(new StandaloneModule()).getInstance(ConsensusProtocol.class);
            Clock clock = Clock.SYSTEM;
            FileTxnLogOptions logOptions = FileTxnLogOptions.defaults()
                    .withRecordBytesMax(Math.max(FileTxnLogOptions.RECORD_BYTES_MAX_DEFAULT, 2 * config.maxPacketBytes()));
            DataDirectory dir = DataDirectory.open(config.dataDir(), config.dataLogDir(), logOptions);
            owned.push(dir);
            DataTree tree = Recovery.recover(dir.snapshots(), dir.log(), new TreeOptions(config.extendedTypesEnabled()));
            long lastLogged = Math.max(dir.log().lastZxid(), tree.lastAppliedZxid());

            DurableSink sink = new DurableSink();
            GroupCommitLog log = new GroupCommitLog(dir.log(), GroupCommitLimits.defaults(), sink,
                    cause -> terminated.completeExceptionally(cause));
            owned.push(log);
            Snapshotter snapshotter = new Snapshotter(dir.snapshots(), log, config.snapshotEveryTxns(),
                    config.snapshotRetainCount());
            owned.push(snapshotter);
            long tickMillis = Math.max(10, Math.min(config.tickTimeMillis() / 2, 100));
            NodeDriver driver = new NodeDriver(protocol, tree, log, snapshotter, clock, tickMillis,
                    terminated::completeExceptionally);
            sink.driver = driver;
            owned.push(driver);
            RequestPipeline pipeline = new RequestPipeline(config, protocol.serverId(), tree, new WatchManager(),
                    new SessionTracker(), driver, clock);
            driver.start(pipeline, lastLogged);

            ClientPortServer[] port = new ClientPortServer[1];
            FourLetterWords words = new FourLetterWords(driver::leadership, driver::lastAppliedZxid,
                    driver::nodeCount, () -> port[0] == null ? 0 : port[0].connections(), dir.snapshots()::newest);
            port[0] = new ClientPortServer(new InetSocketAddress(config.clientBindAddress(), config.clientPort()),
                    config.maxPacketBytes(), config.maxClientConnectionsPerAddress(),
                    config.maxOutstandingRequestsPerConnection(), driver, words::answer);
            owned.push(port[0]);
            ChorusServer server = new ChorusServer(owned, driver, tree, port[0], terminated);
            terminated.whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.error("Node failed; stopping", failure);
                    new Thread(server::close, "chorus-fatal-stop").start();
                }
            });
            LOG.info("Chorus serving clients on {}:{}", config.clientBindAddress(), port[0].port());
            return server;
        } catch (IOException | RuntimeException e) {
            closeAll(owned);
            throw e;
        }
    }

    /** Routes the committer's durable reports to the driver, which exists only after the log. */
    private static final class DurableSink implements LongConsumer {
        volatile NodeDriver driver;

        @Override
        public void accept(long zxid) {
            driver.durable(zxid);
        }
    }

    public int clientPort() {
        return clientPort.port();
    }

    /** The digest of the tree, read on the driver thread: equal trees have equal digests. */
    public long treeDigest() {
        return driver.query(tree::digest);
    }

    public long lastAppliedZxid() {
        return driver.lastAppliedZxid();
    }

    /** Completes when the node has stopped: normally after {@link #close}, exceptionally after a fatal error. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeAll(owned);
            terminated.complete(null);
        }
    }

    private static void closeAll(Deque<AutoCloseable> owned) {
        while (!owned.isEmpty()) {
            AutoCloseable c = owned.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", c, e);
            }
        }
    }
}
