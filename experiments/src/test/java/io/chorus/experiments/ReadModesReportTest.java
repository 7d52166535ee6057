package io.chorus.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the report judges the lease against LEADER and ReadIndex: by the share of the round's cost it saves. */
class ReadModesReportTest {
    @Test
    void theLeaseAgreesWhenItSavesMostOfTheRound() {
        assertThat(ReadModesReport.verdict(7, 7, 17)).startsWith("Agrees").contains("100 %");
        assertThat(ReadModesReport.verdict(7, 9, 17)).startsWith("Agrees").contains("80 %");
    }

    @Test
    void theLeaseAgreesPartlyWhenItSavesLessAndNotAtAllWhenItSavesNothing() {
        assertThat(ReadModesReport.verdict(0.15, 0.23, 0.42)).startsWith("Partly").contains("70 %");
        assertThat(ReadModesReport.verdict(7, 18, 17)).startsWith("Does not agree");
        assertThat(ReadModesReport.verdict(7, 7, 7)).startsWith("Not shown");
        assertThat(ReadModesReport.verdict(Double.NaN, 7, 17)).isEqualTo("Not measured.");
    }
}
