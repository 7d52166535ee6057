package io.chorus.api;

import java.util.List;

/** The result of one operation of a {@code multi}, in the order of the operations. */
public sealed interface OpResult {
    record CreateResult(String path, Stat stat) implements OpResult {
    }

    record DeleteResult() implements OpResult {
    }

    record SetDataResult(Stat stat) implements OpResult {
    }

    record CheckResult() implements OpResult {
    }

    record GetDataResult(byte[] data, Stat stat) implements OpResult {
    }

    record GetChildrenResult(List<String> children) implements OpResult {
    }

    /** The operation failed, or (with {@link Code#RUNTIMEINCONSISTENCY} / {@link Code#OK}) another one did. */
    record ErrorResult(Code code) implements OpResult {
    }
}
