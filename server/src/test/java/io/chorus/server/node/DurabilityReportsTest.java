package io.chorus.server.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A durability report the log made before a truncation never vouches for what replaced the truncated entries. */
class DurabilityReportsTest {
    private final DurabilityReports reports = new DurabilityReports();

    @Test
    void reportsPassUnchangedWhenNoTruncationIsPending() {
        assertThat(reports.asReported(42)).isEqualTo(42);
    }

    @Test
    void aReportArrivingBeforeTheLogReachedATruncationIsHeldToItsPoint() {
        reports.truncationHandedOver(5);
        // the log fsynced entries up to 8 before it truncated after 5; the protocol meanwhile wrote a new 6 and 7
        assertThat(reports.asReported(8)).isEqualTo(5);
        assertThat(reports.asReported(3)).isEqualTo(3);
        reports.truncationReached();
        assertThat(reports.asReported(7)).isEqualTo(7);
    }

    @Test
    void severalPendingTruncationsHoldReportsToTheLowestUntilTheLastIsReached() {
        reports.truncationHandedOver(9);
        reports.truncationHandedOver(4);
        reports.truncationReached();
        assertThat(reports.asReported(12)).isEqualTo(4);
        reports.truncationReached();
        assertThat(reports.asReported(12)).isEqualTo(12);
    }

    @Test
    void reachingATruncationNeverHandedOverIsABug() {
        assertThatThrownBy(reports::truncationReached).isInstanceOf(IllegalStateException.class);
    }
}
