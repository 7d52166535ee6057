package io.chorus.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.LeaderReadMode;
import io.chorus.server.cluster.ClusterPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One tiny run on real processes: three Zab servers, a second of each mode, every mode served and measured (the
 * LINEARIZABLE-LEASE run on an ensemble of its own, configured for leases).
 */
class RealReadModeRunsTest {
    @TempDir
    Path dir;

    @Test
    void everyModeIsServedAndMeasured() {
        List<RunSpec> specs = new ArrayList<>();
        for (ReadMode mode : ReadMode.values()) {
            specs.add(new RunSpec("real", "zab", 3, 90, mode, FollowerLag.NONE, 3, 1_000, 1));
        }
        List<RunRecord> records = new ArrayList<>();
        RealReadModeRuns.run(specs, records::add);

        assertThat(records).extracting(r -> r.spec().mode()).containsExactly(ReadMode.values());
        for (RunRecord record : records) {
            assertThat(record.unsupported()).as(record.spec().id()).isNull();
            assertThat(record.ops()).as(record.spec().id()).anyMatch(op -> !op.write() && op.ok()
                    && op.servedZxid() > 0);
        }
    }

    @Test
    void aLeaseEnsembleIsConfiguredForLeasesAndTheOthersForReadIndex() throws IOException {
        RealEnsemble.type("zab", LeaderReadMode.LEASE).writeNodes(new ClusterPorts(21_000, 3), dir.resolve("lease"));
        RealEnsemble.type("zab", LeaderReadMode.READ_INDEX).writeNodes(new ClusterPorts(21_000, 3),
                dir.resolve("readindex"));
        for (int id = 1; id <= 3; id++) {
            assertThat(Files.readString(dir.resolve("lease/node-" + id + "/zoo.cfg")))
                    .contains("linearizableReads=lease")
                    .contains("leaseClockDriftMillis=" + RealEnsemble.LEASE_DRIFT_MILLIS);
            assertThat(Files.readString(dir.resolve("readindex/node-" + id + "/zoo.cfg")))
                    .contains("linearizableReads=readindex").doesNotContain("leaseClockDriftMillis");
        }
        assertThat(RealEnsemble.LEASE_DRIFT_MILLIS).isLessThan((int) RealEnsemble.leaseMillis());
    }
}
