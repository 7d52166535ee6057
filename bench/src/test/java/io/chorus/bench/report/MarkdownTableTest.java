package io.chorus.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTableTest {
    @Test
    void padsColumnsAndAlignsTextLeftAndFiguresRight() {
        String table = new MarkdownTable(List.of("metric", "A", "B"), 1)
                .row(List.of("throughput", "1,000", "12"))
                .row(List.of("p50", "3", "45,000"))
                .render();

        assertThat(table).isEqualTo("""
                | metric     |     A |      B |
                | ---------- | ----: | -----: |
                | throughput | 1,000 |     12 |
                | p50        |     3 | 45,000 |
                """);
    }

    @Test
    void refusesARowOfTheWrongWidth() {
        MarkdownTable table = new MarkdownTable(List.of("a", "b"), 1);
        assertThatThrownBy(() -> table.row(List.of("only one"))).hasMessageContaining("1 cells, header 2");
    }
}
