package io.chorus.server.clientsuite;

import io.chorus.client.testkit.ServerUnderTest;
import io.chorus.server.ChorusServer;
import io.chorus.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs the client module's test suite against a Chorus server (the suite runs against Apache ZooKeeper
 * in the client module): see the {@code client-suite-on-chorus} Surefire execution in this module's pom.
 */
public final class ChorusServerFactory implements ServerUnderTest.Factory {
    @Override
    public ServerUnderTest start(Path dataDir) throws IOException {
        return new ChorusUnderClientSuite(dataDir);
    }

    private static final class ChorusUnderClientSuite implements ServerUnderTest {
        private final Path dataDir;
        private ChorusServer server;
        private int port;

        ChorusUnderClientSuite(Path dataDir) throws IOException {
            this.dataDir = dataDir;
            start(0);
        }

        private void start(int requestedPort) throws IOException {
            ServerConfig.Builder config = ServerConfig.builder()
                    .clientPort(requestedPort)
                    .dataDir(dataDir)
                    .tickTimeMillis(100)
                    .sessionTimeoutBoundsMillis(1_000, 30_000)
                    .containerCheckIntervalMillis(100);
            config.clientBindAddress = "127.0.0.1";
            server = ChorusServer.start(config.build());
            port = server.clientPort();
        }

        @Override
        public String connectString() {
            return "127.0.0.1:" + port;
        }

        @Override
        public void restart() throws IOException {
            server.close();
            start(port);
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
