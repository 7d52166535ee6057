package io.chorus.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.ReadConsistency;
import io.chorus.experiments.output.Csv;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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
        for (ReadConsistency mode : ReadConsistency.values()) {
            assertThat(rows).anyMatch(row -> row.contains("," + mode.name() + ","));
        }
        assertPlots(out, 3);
        assertThat(out.resolve("ops.csv.gz")).isNotEmptyFile();
        String report = Files.readString(outcome.report());
        assertThat(report).contains("./chorus experiment read-modes --seed 42").contains("Seed: 42")
                .contains("Against the theory").contains("![violations.png](violations.png)");
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains(plan.simRuns().size() + "/" + plan.simRuns().size()).contains("ETA");
    }

    @Test
    void failoverWritesATimelineAndARowPerSeries() throws IOException {
        FailoverExperiment.Outcome outcome = FailoverExperiment.run(FailoverPlan.of(Scale.TINY, 5), out,
                "./chorus experiment failover --seed 5", new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8));
        List<String> rows = Files.readAllLines(out.resolve("failover.csv"));
        assertThat(rows).anyMatch(row -> row.contains(",writes,"));
        for (ReadConsistency mode : ReadConsistency.values()) {
            assertThat(rows).anyMatch(row -> row.contains("," + mode.name() + " reads,"));
        }
        assertPlots(out, 1);
        assertThat(Files.readString(outcome.report())).contains("./chorus experiment failover --seed 5")
                .contains("Seed: 5").contains("timeline-sim-zab.png");
        // the simulated leader comes back (or is replaced): writes resume after the crash
        assertThat(outcome.summaries().get(0).series().get("writes").answeredAfterLoss()).isPositive();
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
