package io.chorus.experiments.output;

import io.chorus.experiments.analysis.RunSummary;
import io.chorus.experiments.run.ReadMode;
import io.chorus.experiments.run.RunRecord;
import io.chorus.experiments.run.RunSpec;
import io.chorus.testkit.zk.TimedOp;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * The experiments' CSV files: one row per run (the summary) and one row per operation (the raw record, gzipped).
 * Modes are written as their {@link ReadMode} labels (LINEARIZABLE-LEASE for a LINEARIZABLE read confirmed by a
 * lease); {@code linearizable_reads} is the ensemble's setting (readindex or lease; empty for ZooKeeper).
 */
public final class Csv {
    public static final String SUMMARY_HEADER = "run,variant,system,servers,read_percent,mode,linearizable_reads,lag,"
            + "clients,duration_ms,seed,reads,writes,failed_reads,failed_writes,ops_per_s,reads_per_s,read_p50_ms,"
            + "read_p99_ms,read_p999_ms,write_p50_ms,write_p99_ms,stale_fraction,staleness_mean,staleness_p99,"
            + "staleness_max,visibility_p50_ms,visibility_p99_ms,violation_fraction,violations,unsupported";
    public static final String OPS_HEADER = "run,client,server,kind,mode,key,invoked_us,answered_us,code,served_zxid,mzxid";

    private Csv() {
    }

    public static void writeSummaries(Path file, List<RunSummary> summaries) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(SUMMARY_HEADER + "\n");
            for (RunSummary s : summaries) {
                RunSpec spec = s.spec();
                out.write(String.join(",", spec.id(), spec.variant(), spec.system(), Integer.toString(spec.ensembleSize()),
                        Integer.toString(spec.readPercent()), spec.mode().label(), spec.linearizableReadsSetting(),
                        spec.lag().label(),
                        Integer.toString(spec.clients()), Long.toString(spec.durationMillis()), Long.toString(spec.seed()),
                        Long.toString(s.reads()), Long.toString(s.writes()), Long.toString(s.failedReads()),
                        Long.toString(s.failedWrites()), num(s.opsPerSecond()), num(s.readsPerSecond()),
                        num(s.readP50Millis()), num(s.readP99Millis()), num(s.readP999Millis()), num(s.writeP50Millis()),
                        num(s.writeP99Millis()), num(s.staleFraction()), num(s.stalenessMean()),
                        Long.toString(s.stalenessP99()), Long.toString(s.stalenessMax()), num(s.visibilityP50Millis()),
                        num(s.visibilityP99Millis()), num(s.violationFraction()), Long.toString(s.violations()),
                        s.unsupported() == null ? "" : quote(s.unsupported())) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Every operation of every run, gzipped: the raw results the summaries were computed from, run by run. */
    public static final class OpsWriter implements AutoCloseable {
        private final Path file;
        private final Writer out;

        public OpsWriter(Path file) {
            this.file = file;
            try {
                this.out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)),
                        StandardCharsets.UTF_8));
                out.write(OPS_HEADER + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }

        public void append(RunRecord record) {
            String run = record.spec().id();
            try {
                for (TimedOp op : record.ops()) {
                    out.write(run + "," + op.client() + "," + op.server() + "," + (op.write() ? "write" : "read") + ","
                            + (op.mode() == null ? "" : ReadMode.of(op.mode(), record.spec().leaderReads()).label())
                            + "," + op.key() + "," + op.invokedMicros()
                            + "," + op.answeredMicros() + "," + op.code() + "," + op.servedZxid() + "," + op.mzxid()
                            + "\n");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
    }

    static String num(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
