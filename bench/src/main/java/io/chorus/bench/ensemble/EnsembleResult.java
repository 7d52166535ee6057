package io.chorus.bench.ensemble;

import io.chorus.bench.load.LoadResult;
import java.util.List;

/**
 * What one ensemble gave: the load workloads' results (in the order run) and the failover rounds' figures,
 * null when failover was not asked for or broke; {@code failoverFailure} then says why it broke (null when
 * it did not), so that a failover that kills the ensemble does not take the load figures with it.
 */
public record EnsembleResult(List<LoadResult> loads, FailoverResult failover, String failoverFailure) {
    public EnsembleResult {
        loads = List.copyOf(loads);
        if (failover != null && failoverFailure != null) {
            throw new IllegalArgumentException("a failover result or a failure, not both");
        }
    }

    /** True when everything asked for ran to the end. */
    public boolean complete() {
        return failoverFailure == null;
    }
}
