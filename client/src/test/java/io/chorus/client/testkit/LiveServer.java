package io.chorus.client.testkit;

import io.chorus.api.Acl;
import io.chorus.api.AsyncChorusClient;
import io.chorus.api.ChorusException;
import io.chorus.api.CreateMode;
import io.chorus.api.Watcher;
import io.chorus.client.BlockingChorusClient;
import io.chorus.client.ChorusClients;
import io.chorus.client.ClientConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link ServerUnderTest} for a test class, and the clients and proxies of the current test. Register it
 * as a static field with {@code @RegisterExtension}: the server starts before the first test and stops after
 * the last (starting servers is the slow part); whatever a test opens through it is closed after the test,
 * newest first. Tests share the server, so each keeps its nodes under {@link #root}, named for the test.
 */
public final class LiveServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    /** The session timeout clients ask for unless a test needs another. */
    public static final int SESSION_TIMEOUT_MILLIS = 10_000;
    /** How long opening a client may take. */
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final long ASYNC_CONNECT_WAIT_MILLIS = 20_000;

    private final Deque<AutoCloseable> openedByTest = new ArrayDeque<>();
    private Path dataDir;
    private ServerUnderTest server;
    private String testName = "test";

    public String connectString() {
        return server.connectString();
    }

    public void restart() throws IOException {
        server.restart();
    }

    /** A blocking client of the server, closed after the test. */
    public BlockingChorusClient connect(Watcher defaultWatcher) throws ChorusException, InterruptedException {
        return connect(connectString(), defaultWatcher, config -> config);
    }

    public BlockingChorusClient connect() throws ChorusException, InterruptedException {
        return connect(new EventLog());
    }

    /** A blocking client of {@code connectString} (the server, or a proxy in front of it) with adjusted settings. */
    public BlockingChorusClient connect(String connectString, Watcher defaultWatcher,
            UnaryOperator<ClientConfig> adjust) throws ChorusException, InterruptedException {
        ClientConfig config = adjust.apply(ClientConfig.of(connectString, SESSION_TIMEOUT_MILLIS)
                .withConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS));
        return track(ChorusClients.connect(config, defaultWatcher));
    }

    /** An asynchronous client of the server, closed after the test. */
    public AsyncChorusClient connectAsync(Watcher defaultWatcher) throws Exception {
        ClientConfig config = ClientConfig.of(connectString(), SESSION_TIMEOUT_MILLIS)
                .withConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
        return track(ChorusClients.connectAsync(config, defaultWatcher)
                .get(ASYNC_CONNECT_WAIT_MILLIS, TimeUnit.MILLISECONDS));
    }

    /** A proxy in front of the server, closed after the test. */
    public TcpProxy proxy() throws InterruptedException {
        return track(TcpProxy.to(connectString()));
    }

    /** Creates (once per test) and returns the persistent node named for the test, under which it works. */
    public String root(BlockingChorusClient client) throws ChorusException, InterruptedException {
        String root = "/" + testName;
        if (client.exists(root, null) == null) {
            client.create(root, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        return root;
    }

    public <T extends AutoCloseable> T track(T resource) {
        openedByTest.push(resource);
        return resource;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("chorus-client-test-");
        server = ServerUnderTest.start(dataDir);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        testName = context.getRequiredTestMethod().getName();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception failure = null;
        while (!openedByTest.isEmpty()) {
            try {
                openedByTest.pop().close();
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
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            server = null;
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
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
