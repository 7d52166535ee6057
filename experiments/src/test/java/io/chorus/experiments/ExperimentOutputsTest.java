package io.chorus.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.experiments.output.Csv;
import io.chorus.experiments.run.ReadMode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny version of each experiment, in the simulator, so none rots: the shape of what each writes. */
class ExperimentOutputsTest {
    @TempDir
    Path out;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void readModesWritesARowPerModeDecodablePlotsAndAReportWithItsCommandAndSeed() throws IOException {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        ReadModesPlan plan = ReadModesPlan.of(Scale.TINY, 42);
        ReadModesExperiment.Outcome outcome = ReadModesExperiment.run(plan, out, "./chorus experiment read-modes "
                + "--seed 42", new PrintStream(progress, true, StandardCharsets.UTF_8));

        List<String> rows = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(rows.get(0)).isEqualTo(Csv.SUMMARY_HEADER);
        assertThat(rows).hasSize(1 + plan.simRuns().size());
        for (ReadMode mode : ReadMode.values()) {
            assertThat(rows).anyMatch(row -> row.contains("," + mode.label() + ","));
        }
        // the lease runs say so in their id and in the ensemble's setting; the others run ReadIndex
        assertThat(rows).filteredOn(row -> row.contains(",LINEARIZABLE-LEASE,")).isNotEmpty()
                .allMatch(row -> row.contains("-linearizable-lease-") && row.contains(",LINEARIZABLE-LEASE,lease,"));
        assertThat(rows.subList(1, rows.size())).filteredOn(row -> !row.contains(",LINEARIZABLE-LEASE,"))
                .allMatch(row -> row.contains(",readindex,"));
        assertPlots(out, 3);
        assertThat(ops(out)).anyMatch(row -> row.contains(",read,LINEARIZABLE-LEASE,"))
                .anyMatch(row -> row.contains(",read,LINEARIZABLE,"));
        String report = Files.readString(outcome.report());
        assertThat(report).contains("./chorus experiment read-modes --seed 42").contains("Seed: 42")
                .contains("Against the theory").contains("![violations.png](violations.png)")
                .contains("`linearizableReads=lease`").contains("| LINEARIZABLE-LEASE |")
                .contains("With a lease LINEARIZABLE costs what LEADER costs");
        // the lease never violates in the simulator, as ReadIndex does not
        assertThat(outcome.summaries()).filteredOn(s -> s.spec().mode() == ReadMode.LINEARIZABLE_LEASE).isNotEmpty()
                .allMatch(s -> s.measured() && s.reads() > 0 && s.violations() == 0 && s.staleFraction() == 0);
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains(plan.simRuns().size() + "/" + plan.simRuns().size()).contains("ETA");
    }

    @Test
    void failoverWritesATimelineAndARowPerSeries() throws IOException {
        FailoverExperiment.Outcome outcome = FailoverExperiment.run(FailoverPlan.of(Scale.TINY, 5), out,
                "./chorus experiment failover --seed 5", new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8));
        List<String> rows = Files.readAllLines(out.resolve("failover.csv"));
        assertThat(rows).anyMatch(row -> row.contains(",readindex,writes,"))
                .anyMatch(row -> row.contains(",lease,writes,"));
        for (ReadMode mode : ReadMode.values()) {
            assertThat(rows).anyMatch(row -> row.contains("," + mode.label() + " reads,"));
        }
        assertThat(rows).anyMatch(row -> row.contains(",lease,LINEARIZABLE-LEASE reads,"))
                .noneMatch(row -> row.contains(",readindex,LINEARIZABLE-LEASE reads,"));
        assertPlots(out, 3);
        assertThat(Files.readString(outcome.report())).contains("./chorus experiment failover --seed 5")
                .contains("Seed: 5").contains("timeline-sim-zab.png").contains("timeline-sim-zab-lease.png")
                .contains("## Lease against ReadIndex").contains("lease-vs-readindex-sim-zab.png");
        // the simulated leader comes back (or is replaced), either way of confirming: writes resume after the crash
        assertThat(outcome.summaries()).hasSize(2)
                .allMatch(summary -> summary.series().get("writes").answeredAfterLoss() > 0);
    }

    @Test
    void protocolsWritesARowPerProtocolAndAThroughputPlot() throws IOException {
        ProtocolsExperiment.Outcome outcome = ProtocolsExperiment.run(ProtocolsPlan.of(Scale.TINY, 9), out,
                "./chorus experiment protocols --seed 9", new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8));
        List<String> rows = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(rows).anyMatch(row -> row.contains(",zab,")).anyMatch(row -> row.contains(",paxos-lite,"));
        assertPlots(out, 1);
        assertThat(Files.readString(outcome.report())).contains("./chorus experiment protocols --seed 9")
                .contains("Seed: 9");
    }

    @Test
    void protocolsMeasuresTheLinearizableModesItIsAskedFor() throws IOException {
        ProtocolsExperiment.run(ProtocolsPlan.of(Scale.TINY, 9, LinearizableReads.LEASE), out,
                "./chorus experiment protocols --linearizable-reads lease --seed 9",
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        List<String> rows = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(rows).anyMatch(row -> row.contains(",zab,") && row.contains(",LINEARIZABLE-LEASE,lease,"))
                .anyMatch(row -> row.contains(",paxos-lite,") && row.contains(",LINEARIZABLE-LEASE,lease,"))
                .noneMatch(row -> row.contains(",LINEARIZABLE,"));
    }

    private static List<String> ops(Path dir) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("ops.csv.gz")))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static void assertPlots(Path dir, int atLeast) throws IOException {
        List<Path> pngs;
        try (Stream<Path> files = Files.list(dir)) {
            pngs = files.filter(f -> f.toString().endsWith(".png")).toList();
        }
        assertThat(pngs).hasSizeGreaterThanOrEqualTo(atLeast);
        for (Path png : pngs) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(png.toString()).isNotNull();
            assertThat(image.getWidth()).isPositive();
        }
    }
}
