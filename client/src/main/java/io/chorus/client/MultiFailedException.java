package io.chorus.client;

import io.chorus.api.ChorusException;
import io.chorus.api.Code;
import io.chorus.api.OpResult;
import java.util.List;

/**
 * A multi transaction failed as a whole: {@link #code()} is the first failing op's code and {@link #path()} its
 * path; {@link #results()} holds one result per op, in order: {@link OpResult.ErrorResult} with OK for the ops
 * before the failing one, its code for the failing one, RUNTIMEINCONSISTENCY for those after (as ZooKeeper
 * reports them).
 */
public final class MultiFailedException extends ChorusException {
    private final int failedOpIndex;
    private final List<OpResult> results;

    public MultiFailedException(Code code, String path, int failedOpIndex, List<OpResult> results) {
        super(code, path);
        if (failedOpIndex < 0 || failedOpIndex >= results.size()) {
            throw new IllegalArgumentException("failed op " + failedOpIndex + " outside " + results.size()
                    + " results");
        }
        this.failedOpIndex = failedOpIndex;
        this.results = List.copyOf(results);
    }

    /** The index of the first op that failed. */
    public int failedOpIndex() {
        return failedOpIndex;
    }

    public List<OpResult> results() {
        return results;
    }
}
