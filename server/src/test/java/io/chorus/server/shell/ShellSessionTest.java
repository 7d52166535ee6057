package io.chorus.server.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chorus.api.ChorusClient;
import io.chorus.client.ChorusClients;
import io.chorus.server.ChorusServer;
import io.chorus.server.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell's commands against a real server, read back through its printed output. */
class ShellSessionTest {
    @TempDir
    Path dataDir;
    private ChorusServer server;
    private ChorusClient client;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private ShellSession shell;

    @BeforeEach
    void start() throws Exception {
        server = ChorusServer.start(ServerConfig.builder().clientPort(0).dataDir(dataDir).build());
        client = ChorusClients.connect("127.0.0.1:" + server.clientPort(), 30_000, null);
        shell = new ShellSession(client, new PrintStream(printed, true, StandardCharsets.UTF_8),
                "127.0.0.1:" + server.clientPort() + ",127.0.0.1:1");
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private String run(String line) throws InterruptedException {
        printed.reset();
        assertThat(shell.execute(line)).isTrue();
        return printed.toString(StandardCharsets.UTF_8).trim();
    }

    @Test
    void serversShowsEachServersRoleEpochAndLastZxidOrWhyItDidNotAnswer() throws Exception {
        run("create /x");
        String[] lines = run("servers").split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("127.0.0.1:" + server.clientPort() + "  standalone  epoch 1  zxid 0x"
                + Long.toHexString(server.lastAppliedZxid()) + "  leader 1  znodes 5");
        assertThat(lines[1]).startsWith("127.0.0.1:1  unreachable");
    }

    @Test
    void createListGetSetAndStat() throws Exception {
        assertThat(run("create /app v1")).isEqualTo("Created /app");
        assertThat(run("create -s /app/job- a")).isEqualTo("Created /app/job-0000000000");
        assertThat(run("create -e /app/lock")).isEqualTo("Created /app/lock");
        assertThat(run("ls /app")).isEqualTo("[job-0000000000, lock]");
        assertThat(run("get /app")).isEqualTo("v1");
        run("set /app v2");
        assertThat(run("get -s /app")).startsWith("v2").contains("dataVersion = 1", "numChildren = 2");
        assertThat(run("stat /app/lock")).contains("ephemeralOwner = 0x" + Long.toHexString(client.sessionId()));
    }

    @Test
    void containerAndTtlFlagsPickTheirModes() throws Exception {
        assertThat(run("create -c /box")).isEqualTo("Created /box");
        assertThat(run("create -t 60000 /ttl")).isEqualTo("Created /ttl");
        assertThat(run("create -c -e /bad")).startsWith("Error:");
    }

    @Test
    void deleteAllRemovesASubtree() throws Exception {
        run("create /a");
        run("create /a/b");
        run("create /a/b/c");
        run("deleteall /a");
        assertThat(run("ls /")).isEqualTo("[zookeeper]");
    }

    @Test
    void errorsArePrintedAndTheShellGoesOn() throws Exception {
        assertThat(run("get /missing")).isEqualTo("Error: NONODE for /missing");
        run("create /x");
        assertThat(run("delete /x 7")).isEqualTo("Error: BADVERSION for /x");
        assertThat(run("frobnicate")).startsWith("unknown command");
        assertThat(run("get")).startsWith("Error: missing argument");
        assertThat(shell.execute("quit")).isFalse();
    }

    @Test
    void watchPrintsChangesBelowThePath() throws Exception {
        run("create /w");
        assertThat(run("watch /w")).isEqualTo("watching /w and below");
        printed.reset();
        client.create("/w/child", new byte[0], io.chorus.api.Acl.OPEN_ACL_UNSAFE, io.chorus.api.CreateMode.PERSISTENT);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> printed.toString(StandardCharsets.UTF_8).contains("type:NODE_CREATED path:/w/child"));
    }
}
