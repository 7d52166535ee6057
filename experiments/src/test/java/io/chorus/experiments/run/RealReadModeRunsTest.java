package io.chorus.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.ReadConsistency;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One tiny run on real processes: three Zab servers, a second of each mode, every mode served and measured. */
class RealReadModeRunsTest {
    @Test
    void everyModeIsServedAndMeasured() {
        List<RunSpec> specs = new ArrayList<>();
        for (ReadConsistency mode : ReadConsistency.values()) {
            specs.add(new RunSpec("real", "zab", 3, 90, mode, FollowerLag.NONE, 3, 1_000, 1));
        }
        List<RunRecord> records = new ArrayList<>();
        RealReadModeRuns.run(specs, records::add);

        assertThat(records).extracting(r -> r.spec().mode()).containsExactly(ReadConsistency.values());
        for (RunRecord record : records) {
            assertThat(record.unsupported()).as(record.spec().id()).isNull();
            assertThat(record.ops()).as(record.spec().id()).anyMatch(op -> !op.write() && op.ok()
                    && op.servedZxid() > 0);
        }
    }
}
