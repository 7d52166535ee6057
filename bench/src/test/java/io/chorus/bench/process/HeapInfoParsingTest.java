package io.chorus.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeapInfoParsingTest {
    private static final String G1_HEAP_INFO = """
            12345:
             garbage-first heap   total 262144K, used 10931K [0x00000000f0000000, 0x0000000100000000)
              region size 1024K, 3 young (3072K), 0 survivors (0K)
             Metaspace       used 21873K, committed 22208K, reserved 1069056K
              class space    used 2716K, committed 2880K, reserved 1048576K
            """;

    @Test
    void readsTheUsedHeapNotTheMetaspace() {
        assertThat(HeapProbe.parseUsedBytes(G1_HEAP_INFO)).isEqualTo(10931L * 1024);
    }

    @Test
    void refusesOutputWithoutAHeapLineAndQuotesIt() {
        assertThatThrownBy(() -> HeapProbe.parseUsedBytes("12345:\nCommand executed successfully\n"))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("Command executed successfully");
    }
}
