package io.chorus.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeapInfoParsingTest {
    /** Trimmed jcmd GC.class_histogram output (JDK 17). */
    private static final String HISTOGRAM = """
            12345:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:         13037         794280  [B (java.base@17.0.15)
               2:          5279         631808  java.lang.Class (java.base@17.0.15)
             700:             1             16  sun.nio.fs.UnixFileAttributes$UnixAsBasicFileAttributes (java.base@17.0.15)
            Total         59359        2832368
            """;

    /** Trimmed jcmd PerfCounter.print output of a G1 JVM (JDK 17). */
    private static final String G1_PERF_COUNTERS = """
            12345:
            sun.gc.collector.0.invocations=48
            sun.gc.collector.0.name="G1 young collection pauses"
            sun.gc.collector.1.invocations=3
            sun.gc.collector.1.lastEntryTime=1713004660
            sun.gc.collector.1.name="G1 full collection pauses"
            sun.gc.collector.2.invocations=2
            sun.gc.collector.2.name="G1 concurrent cycle pauses"
            """;

    @Test
    void readsTheHistogramTotalBytesNotAClassRow() {
        assertThat(HeapProbe.parseHistogramTotalBytes(HISTOGRAM)).isEqualTo(2_832_368L);
    }

    @Test
    void refusesOutputWithoutATotalLineAndQuotesIt() {
        assertThatThrownBy(() -> HeapProbe.parseHistogramTotalBytes("12345:\nCommand executed successfully\n"))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("Command executed successfully");
    }

    @Test
    void readsTheFullCollectionCountNotTheYoungOne() {
        assertThat(HeapProbe.parseFullGcCount(G1_PERF_COUNTERS)).isEqualTo(3);
    }

    @Test
    void refusesCountersWithoutAFullCollector() {
        assertThatThrownBy(() -> HeapProbe.parseFullGcCount(
                "12345:\nsun.gc.collector.0.invocations=4\nsun.gc.collector.0.name=\"G1 young collection pauses\"\n"))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("G1 young collection pauses");
    }
}
