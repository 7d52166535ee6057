package io.chorus.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chorus.bench.process.ChorusServerType;
import io.chorus.bench.process.StartedServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The ensemble comparison, tiny: a 3-node ZooKeeper ensemble then a 3-node Chorus ensemble, one load
 * workload and two leader failovers each, one report with a ratio in every figure row.
 */
class EnsembleBenchTest {
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
    @Timeout(value = 240, unit = java.util.concurrent.TimeUnit.SECONDS)
    void threeNodeEnsemblesOfEveryKindAndProtocolAreLoadedAndFailedOver() {
        long started = System.nanoTime();
        int exit = bench("--nodes", "3", "--compare", "zookeeper", "--protocols", "zab,paxos-lite", "--workload", "all",
                "--sessions", "3",
                "--in-flight", "2", "--keys", "20", "--warmup-seconds", "0", "--seconds", "1", "--failovers", "2",
                "--heap", StartedServer.TEST_HEAP);

        assertThat(exit).as(out + "\n" + err).isZero();
        String report = out.toString();
        assertThat(report).contains("# Ensembles of 3 nodes", "Session i talks to server i mod 3 only",
                "1024-byte values", "## Leader failover: 2 rounds", "Chorus zab / ZooKeeper 3.9.5",
                "Chorus paxos-lite / ZooKeeper 3.9.5", "Chorus paxos-lite / Chorus zab");
        // write, read, mixed x 4 metrics, then the 7 failover figures.
        assertThat(RATIO_ROW.matcher(report).results().count()).isEqualTo(3 * 4 + 7);
        assertThat(err.toString()).contains("ZooKeeper 3.9.5: starting a 3-node ensemble",
                "Chorus zab: starting a 3-node ensemble", "Chorus paxos-lite: starting a 3-node ensemble",
                "failover 2/2: killed leader");
        System.out.println(report);
        System.out.println("ensemble test took " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
    }
}
