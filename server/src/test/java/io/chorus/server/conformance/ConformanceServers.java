package io.chorus.server.conformance;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ConnectStringParser;
import org.apache.zookeeper.client.StaticHostProvider;
import org.apache.zookeeper.client.ZKClientConfig;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The servers of one test class and the clients of the current test. Register it as a static field with
 * {@code @RegisterExtension}: each kind of server is started on first use and runs until the class is done
 * (starting servers is the slow part); every client, Curator framework and raw session a test opens through it
 * is closed after that test, newest first.
 */
final class ConformanceServers implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    /** Session timeout clients ask for unless a scenario needs another (servers cap it at their maximum). */
    static final int SESSION_TIMEOUT_MILLIS = 4_000;
    /** Client-side bound on any one reply, so a server that never answers fails a test instead of hanging it. */
    static final int REQUEST_TIMEOUT_MILLIS = 10_000;
    /** How long a new client may take to connect. */
    static final Duration CONNECT_WAIT_MAX = Duration.ofSeconds(10);
    /** How long closing a client may wait for the server to confirm closeSession. */
    private static final int CLOSE_WAIT_MILLIS = 5_000;

    private final ServerSettings settings;
    private final Map<ServerKind, ServerUnderTest> running = new EnumMap<>(ServerKind.class);
    private final Map<ServerKind, Path> dataDirs = new EnumMap<>(ServerKind.class);
    /** Why a kind failed to start or to accept a client; later tests of the class fail at once instead of waiting. */
    private final Map<ServerKind, Throwable> unusable = new EnumMap<>(ServerKind.class);
    private final Deque<AutoCloseable> openedByTest = new ArrayDeque<>();
    private String testName = "scenario";

    private ConformanceServers(ServerSettings settings) {
        this.settings = settings;
    }

    static ConformanceServers withDefaults() {
        return new ConformanceServers(ServerSettings.defaults());
    }

    static ConformanceServers with(ServerSettings settings) {
        return new ConformanceServers(settings);
    }

    /** The running server of this kind, started now if this class has not used one yet. */
    ServerUnderTest server(ServerKind kind) throws IOException {
        Throwable earlier = unusable.get(kind);
        if (earlier != null) {
            throw new AssertionError(kind + " failed earlier in this class; not trying again", earlier);
        }
        ServerUnderTest server = running.get(kind);
        if (server == null) {
            Path dataDir = Files.createTempDirectory("conformance-" + kind.name().toLowerCase(Locale.ROOT) + "-");
            dataDirs.put(kind, dataDir);
            try {
                server = kind.start(settings, dataDir);
            } catch (IOException | RuntimeException | Error e) {
                unusable.put(kind, e);
                throw e;
            }
            running.put(kind, server);
        }
        return server;
    }

    /** A stock client connected to the server, with a session of {@link #SESSION_TIMEOUT_MILLIS}. */
    ZooKeeper connect(ServerKind kind) throws IOException {
        return connect(kind, SESSION_TIMEOUT_MILLIS, new WatchEventLog());
    }

    ZooKeeper connect(ServerKind kind, Watcher defaultWatcher) throws IOException {
        return connect(kind, SESSION_TIMEOUT_MILLIS, defaultWatcher);
    }

    ZooKeeper connect(ServerKind kind, int sessionTimeoutMillis, Watcher defaultWatcher) throws IOException {
        ZooKeeper zk = track(new ZooKeeper(server(kind).connectString(), sessionTimeoutMillis, defaultWatcher,
                clientConfig()));
        try {
            await("client connected to " + kind).atMost(CONNECT_WAIT_MAX).until(() -> zk.getState().isConnected());
        } catch (ConditionTimeoutException e) {
            unusable.put(kind, e);
            throw e;
        }
        return zk;
    }

    /**
     * A stock client that resumes an existing session; it is not awaited, since the server may refuse it (the
     * session expired or the password is wrong) — watch {@code defaultWatcher} for the outcome.
     */
    ZooKeeper resume(ServerKind kind, long sessionId, byte[] password, Watcher defaultWatcher) throws IOException {
        String connectString = server(kind).connectString();
        StaticHostProvider hosts = new StaticHostProvider(new ConnectStringParser(connectString).getServerAddresses());
        return track(new ZooKeeper(connectString, SESSION_TIMEOUT_MILLIS, defaultWatcher, sessionId, password, false,
                hosts, clientConfig()));
    }

    /** A started Curator framework, connected. */
    CuratorFramework curator(ServerKind kind) throws IOException, InterruptedException {
        CuratorFramework curator = CuratorFrameworkFactory.builder()
                .connectString(server(kind).connectString())
                .sessionTimeoutMs(SESSION_TIMEOUT_MILLIS)
                .connectionTimeoutMs((int) CONNECT_WAIT_MAX.toMillis())
                .retryPolicy(new ExponentialBackoffRetry(50, 5))
                .zkClientConfig(clientConfig())
                .build();
        track(curator::close);
        curator.start();
        if (!curator.blockUntilConnected((int) CONNECT_WAIT_MAX.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("Curator did not connect to " + kind + " within " + CONNECT_WAIT_MAX);
        }
        return curator;
    }

    /** A raw-protocol session; closing it (after the test at the latest) drops the socket, not the session. */
    RawSession rawSession(ServerKind kind, int sessionTimeoutMillis) throws IOException {
        return track(RawSession.open(server(kind).clientAddress(), sessionTimeoutMillis));
    }

    /** Creates and returns a persistent node named for the running test, under which it keeps its nodes. */
    String createTestRoot(ZooKeeper zk) throws KeeperException, InterruptedException {
        return zk.create("/" + testName, new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    }

    <T extends AutoCloseable> T track(T resource) {
        openedByTest.push(resource);
        return resource;
    }

    private static ZKClientConfig clientConfig() {
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.ZOOKEEPER_REQUEST_TIMEOUT, Integer.toString(REQUEST_TIMEOUT_MILLIS));
        config.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, "false");
        return config;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        testName = context.getRequiredTestMethod().getName();
        running.values().forEach(ServerUnderTest::testStarting);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception failure = null;
        while (!openedByTest.isEmpty()) {
            AutoCloseable resource = openedByTest.pop();
            try {
                if (resource instanceof ZooKeeper zk) {
                    zk.close(CLOSE_WAIT_MILLIS);
                } else {
                    resource.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        RuntimeException failure = null;
        for (ServerUnderTest server : running.values()) {
            try {
                server.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        running.clear();
        unusable.clear();
        for (Path dir : dataDirs.values()) {
            deleteRecursively(dir);
        }
        dataDirs.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
