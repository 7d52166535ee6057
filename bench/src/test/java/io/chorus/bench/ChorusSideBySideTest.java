package io.chorus.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chorus.bench.process.ChorusServerType;
import io.chorus.bench.process.StartedServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The whole comparison, tiny: ZooKeeper then Chorus, each started by the bench, same workloads, one
 * table with a ratio in every row. Runs once the Chorus server's entry class is on the classpath.
 */
class ChorusSideBySideTest {
    /** A ratio cell: the last cell of a row is a decimal such as 0.87. */
    private static final Pattern RATIO_ROW = Pattern.compile("\\|\\s+\\d+\\.\\d\\d \\|$", Pattern.MULTILINE);

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void requireTheChorusServer() {
        assumeTrue(ChorusServerType.isAvailable(), "awaits " + ChorusServerType.MAIN_CLASS);
    }

    private int bench(String... args) {
        CommandLine command = new CommandLine(new BenchCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void loadComparisonHasBothServersAndARatioInEveryRow() {
        int exit = bench("--compare", "zookeeper", "--workload", "all", "--sessions", "2", "--in-flight", "2",
                "--keys", "20", "--warmup-seconds", "0", "--seconds", "1", "--heap", StartedServer.TEST_HEAP);

        assertThat(exit).as(out + "\n" + err).isZero();
        // Columns are padded to their widest cell, so the server names are matched with any padding.
        assertThat(out.toString()).containsPattern("\\|\\s+ZooKeeper 3\\.9\\.5\\s+\\|")
                .containsPattern("\\|\\s+Chorus\\s+\\|").contains("Chorus / ZooKeeper 3.9.5");
        assertThat(RATIO_ROW.matcher(out.toString()).results().count()).isEqualTo(3 * 4);
    }

    @Test
    void treeComparisonMeasuresBothServers() {
        int exit = bench("--compare", "zookeeper", "--workload", "tree", "--znodes", "2000", "--parents", "20",
                "--heap", StartedServer.TEST_HEAP);

        assertThat(exit).as(out + "\n" + err).isZero();
        // The tree's own loader defaults: one bulk loader's few deep pipelines over the client's Netty socket.
        assertThat(out.toString()).contains("## Tree: 2,000 znodes", "4 sessions, 128 creates in flight, netty client"
                + " socket", "bulk create (znodes/s)",
                "restart after SIGKILL to first read (ms)");
        assertThat(err.toString()).contains("Chorus: tree of 2,000 znodes", "/chorus-tree/p00019/n00001999 readable");
    }
}
