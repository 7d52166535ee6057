package io.chorus.server;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.chorus.api.spi.Leadership;
import io.chorus.api.spi.PeerCodec;
import io.chorus.api.spi.PeerMessage;
import io.chorus.api.spi.StateSnapshot;
import io.chorus.api.spi.StateSnapshots;
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
import io.chorus.server.node.PeerSender;
import io.chorus.server.node.TreeStates;
import io.chorus.server.peer.PeerTransport;
import io.chorus.server.peer.PeerTransportLimits;
import io.chorus.server.pipeline.ClientService;
import io.chorus.server.pipeline.RequestPipeline;
import io.chorus.server.wiring.ProtocolContext;
import io.chorus.server.wiring.ProtocolModules;
import io.chorus.server.session.SessionTracker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final ClientPortServer clientPort;
    private final PeerTransport transport;
    private final CompletableFuture<Void> terminated;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ChorusServer(Deque<AutoCloseable> owned, NodeDriver driver, ClientPortServer clientPort,
            PeerTransport transport, CompletableFuture<Void> terminated) {
        this.owned = owned;
        this.driver = driver;
        this.transport = transport;
        this.clientPort = clientPort;
        this.terminated = terminated;
    }

    public static ChorusServer start(ServerConfig config) throws IOException {
        Deque<AutoCloseable> owned = new ArrayDeque<>();
        CompletableFuture<Void> terminated = new CompletableFuture<>();
        try {
            Clock clock = Clock.SYSTEM;
            FileTxnLogOptions logOptions = FileTxnLogOptions.defaults()
                    .withRecordBytesMax(Math.max(FileTxnLogOptions.RECORD_BYTES_MAX_DEFAULT, 2 * config.maxPacketBytes()));
            DataDirectory dir = DataDirectory.open(config.dataDir(), config.dataLogDir(), logOptions);
            owned.push(dir);
            TreeOptions treeOptions = new TreeOptions(config.extendedTypesEnabled());
            Recovery.Recovered recovered = Recovery.recover(dir.snapshots(), dir.log(), treeOptions, Long.MAX_VALUE);
            DataTree tree = recovered.tree();
            long lastLogged = Math.max(dir.log().lastZxid(), tree.lastAppliedZxid());

            DriverRef driverRef = new DriverRef();
            GroupCommitLog log = new GroupCommitLog(dir.log(), GroupCommitLimits.defaults(),
                    zxid -> driverRef.driver.durable(zxid), terminated::completeExceptionally);
            owned.push(log);
            log.startsAfter(recovered.snapshotZxid());
            Snapshotter snapshotter = new Snapshotter(dir.snapshots(), log, config.snapshotEveryTxns(),
                    config.snapshotRetainCount());
            owned.push(snapshotter);

            TreeStates treeStates = new TreeStates(dir.snapshots(), log, treeOptions);
            owned.push(treeStates);
            Injector protocolModule = Guice.createInjector(ProtocolModules.forContext(
                    new ProtocolContext(config, dir.metadata(), log, new DriverSnapshots(driverRef))));
            ConsensusProtocol protocol = protocolModule.getInstance(ConsensusProtocol.class);
            PeerTransport transport = null;
            PeerSender peers = PeerSender.NONE;
            if (config.ensemble() != null) {
                transport = new PeerTransport(config.ensemble().myId(), config.ensemble().servers(),
                        protocolModule.getInstance(PeerCodec.class), PeerTransportLimits.defaults(),
                        new TransportToDriver(driverRef));
                peers = new TransportSender(transport);
            }
            long tickMillis = Math.max(10, Math.min(config.tickTimeMillis() / 2, 100));
            NodeDriver driver = new NodeDriver(protocol, tree, log, snapshotter, treeStates, peers, clock, tickMillis,
                    terminated::completeExceptionally);
            driverRef.driver = driver;
            owned.push(driver);
            driver.start(new ClientService(t -> new RequestPipeline(config, protocol.serverId(), t, new WatchManager(),
                    new SessionTracker(), driver, clock)), lastLogged);
            if (transport != null) {
                owned.push(transport);
                transport.start();
            }

            ClientPortServer[] port = new ClientPortServer[1];
            FourLetterWords words = new FourLetterWords(driver, () -> port[0] == null ? 0 : port[0].connections(),
                    dir.snapshots()::newest);
            port[0] = new ClientPortServer(new InetSocketAddress(config.clientBindAddress(), config.clientPort()),
                    config.maxPacketBytes(), config.maxClientConnectionsPerAddress(),
                    config.maxOutstandingRequestsPerConnection(), driver, words::answer);
            owned.push(port[0]);
            ChorusServer server = new ChorusServer(owned, driver, port[0], transport, terminated);
            terminated.whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.error("Node failed; stopping", failure);
                    new Thread(server::close, "chorus-fatal-stop").start();
                }
            });
            LOG.info("Chorus serving clients on {}:{}{}", config.clientBindAddress(), port[0].port(),
                    config.ensemble() == null ? " (standalone)" : " as server " + config.ensemble().myId() + " of "
                            + config.ensemble().ids());
            return server;
        } catch (IOException | RuntimeException e) {
            closeAll(owned);
            throw e;
        }
    }

    /** The driver, which exists only after the log and the protocol that call it. */
    private static final class DriverRef {
        volatile NodeDriver driver;
    }

    /** The driver's tree for a protocol that sends followers snapshots, captured in the background. */
    private record DriverSnapshots(DriverRef ref) implements StateSnapshots {
        @Override
        public StateSnapshot capture() {
            return ref.driver.captureState();
        }

        @Override
        public boolean startCapture() {
            return ref.driver.startCapture();
        }

        @Override
        public Optional<StateSnapshot> newestStored() {
            return ref.driver.newestStoredState();
        }
    }

    /** Peer messages and connection changes into the driver's loop. */
    private record TransportToDriver(DriverRef ref) implements PeerTransport.PeerListener {
        @Override
        public void received(int from, PeerMessage message) {
            ref.driver.received(from, message);
        }

        /**
         * A peer is lost when its quorum connection closes (the one a follower and its leader talk over); it is
         * reachable again once either connection is up, so a vote can go out on the election port at once.
         */
        @Override
        public void connectionChanged(int peer, PeerCodec.Channel channel, boolean up) {
            if (up || channel == PeerCodec.Channel.QUORUM) {
                ref.driver.peerConnection(peer, up);
            }
        }
    }

    private record TransportSender(PeerTransport transport) implements PeerSender {
        @Override
        public void send(int to, PeerMessage message) {
            transport.send(to, message);
        }

        @Override
        public void flush() {
            transport.flush();
        }
    }

    public int clientPort() {
        return clientPort.port();
    }

    /** The digest of the tree, read on the driver thread: equal trees have equal digests. */
    public long treeDigest() {
        return driver.query(driver::treeDigest);
    }

    /** This server's role, epoch and leader as the protocol last reported them. */
    public Leadership leadership() {
        return driver.leadership();
    }

    public long lastAppliedZxid() {
        return driver.lastAppliedZxid();
    }

    /**
     * Fault injection for partition tests: every message to or from these peers is dropped, as a firewall dropping
     * packets would, while connections stay up; an empty set heals. Only silence tells either side.
     */
    public void dropPeerTraffic(Set<Integer> peers) {
        if (transport == null) {
            throw new IllegalStateException("a standalone server has no peers");
        }
        transport.block(peers);
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
