package io.chorus.bench.process;

import java.nio.file.Path;
import java.time.Duration;

/** A server started for a test class through the bench's own process code, and everything it leaves behind. */
public final class StartedServer implements AutoCloseable {
    /** Small enough for the test machine, large enough for the tiny workloads the tests run. */
    public static final String TEST_HEAP = "256m";

    private final RunCleanup cleanup = new RunCleanup();
    private final ServerProcess server;

    private StartedServer(ServerType type) {
        Path runDir = cleanup.newDirectory("bench-test-");
        try {
            server = ServerProcess.start(type, ChildJvm.likeThisJvm(TEST_HEAP), runDir.resolve("data"), runDir, cleanup);
            ReadinessProbe.awaitServing(server, null, Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            cleanup.close();
            throw e;
        }
    }

    public static StartedServer zooKeeper() {
        return new StartedServer(new ZooKeeperServerType());
    }

    public static StartedServer chorus() {
        return new StartedServer(new ChorusServerType());
    }

    public ServerProcess process() {
        return server;
    }

    public String connectString() {
        return server.connectString();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            cleanup.close();
        }
    }
}
