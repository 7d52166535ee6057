package io.chorus.testkit.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A simulator-sized history: 10,000 operations over 50 znodes from 5 clients, overlapping, some
 * replies lost. Not a timed assertion (the report says how long it takes); it shows the per-znode
 * search stays decisive at this size.
 */
class LargeHistoryTest {
    @Test
    void tenThousandOperationsOverFiftyZnodesAreDecided() {
        History h = GeneratedHistories.generate(42, new GeneratedHistories.Shape(10_000, 5, 50, 0.05, 20));
        assertThat(LinearizabilityChecker.allReads().check(h).verdict()).isEqualTo(Verdict.PASS);
        assertThat(LinearizabilityChecker.writesAndLinearizableReads().check(h).verdict()).isEqualTo(Verdict.PASS);
    }
}
