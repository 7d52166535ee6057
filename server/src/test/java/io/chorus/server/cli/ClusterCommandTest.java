package io.chorus.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.server.cluster.LocalCluster;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code chorus cluster}'s refusals, all before any process starts (the running cluster is LocalEnsembleKillRestartTest's). */
class ClusterCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void theLauncherListsIt() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("cluster");
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() {
        assertThat(run("cluster", "--nodes", "0")).isEqualTo(2);
        assertThat(run("cluster", "--nodes", "256")).isEqualTo(2);
        assertThat(run("cluster", "--protocol", "raft")).isEqualTo(2);
        assertThat(run("cluster", "--base-port", "64000")).isEqualTo(2);
        assertThat(run("cluster", "--tick-time", "0")).isEqualTo(2);
        assertThat(err.toString())
                .contains("--nodes must be 1..255, not 0")
                .contains("--nodes must be 1..255, not 256")
                .contains("--protocol raft is not supported; supported: zab, paxos-lite")
                .contains("--base-port must be 1..63533 for 3 nodes")
                .contains("--tick-time must be a positive number");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aBusyPortIsRefusedByName() throws IOException {
        int base = LocalCluster.freeBasePort(3);
        try (ServerSocket taken = new ServerSocket(base, 1, InetAddress.getLoopbackAddress())) {
            assertThat(run("cluster", "--base-port", Integer.toString(base), "--data-dir", dir.toString()))
                    .isEqualTo(1);
        }
        assertThat(err.toString()).contains("port " + base + " (client port of node 1) is already in use");
        assertThat(out.toString()).doesNotContain("connect:");
    }

    @Test
    void theFlagsBecomeZooCfgKeys() {
        ClusterCommand command = new ClusterCommand();
        new CommandLine(command).parseArgs("--tick-time", "250", "--protocol", "zab");
        assertThat(command.validate()).isNull();
        assertThat(command.extraConfig()).containsEntry("tickTime", "250").containsEntry("protocol", "zab");
    }

    private int run(String... args) {
        CommandLine cli = ChorusCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
