package io.chorus.testkit.check;

import io.chorus.api.OpResult;
import io.chorus.api.Stat;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a successful reply carried. Fields an operation does not return are null.
 *
 * @param createdPath the path a create made (the server's name for a sequential create)
 * @param data        the data getData returned
 * @param stat        the Stat returned by create2, setData, getData, exists or getChildren2
 * @param children    the names getChildren returned
 * @param results     a multi's per-operation results (also on a failed multi: the failing
 *                    operation's {@code ErrorResult} tells which one failed and why)
 */
public record Result(String createdPath, byte[] data, Stat stat, List<String> children, List<OpResult> results) {
    private static final Result NONE = new Result(null, null, null, null, null);

    public Result {
        data = data == null ? null : data.clone();
        children = children == null ? null : List.copyOf(children);
        results = results == null ? null : List.copyOf(results);
    }

    public static Result none() {
        return NONE;
    }

    public static Result created(String path, Stat stat) {
        return new Result(path, null, stat, null, null);
    }

    public static Result data(byte[] data, Stat stat) {
        return new Result(null, data, stat, null, null);
    }

    public static Result stat(Stat stat) {
        return new Result(null, null, stat, null, null);
    }

    public static Result children(List<String> children, Stat stat) {
        return new Result(null, null, stat, children, null);
    }

    public static Result multi(List<OpResult> results) {
        return new Result(null, null, null, null, results);
    }

    @Override
    public byte[] data() {
        return data == null ? null : data.clone();
    }

    /** The data without a defensive copy, for the checkers' hot paths. */
    byte[] dataUnsafe() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Result r && Objects.equals(createdPath, r.createdPath) && Arrays.equals(data, r.data)
                && Objects.equals(stat, r.stat) && Objects.equals(children, r.children)
                && Objects.equals(results, r.results);
    }

    @Override
    public int hashCode() {
        return Objects.hash(createdPath, Arrays.hashCode(data), stat, children, results);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (createdPath != null) {
            b.append(" path=").append(createdPath);
        }
        if (data != null) {
            b.append(" data=").append(Text.bytes(data));
        }
        if (stat != null) {
            b.append(" stat=").append(Text.stat(stat));
        }
        if (children != null) {
            b.append(" children=").append(children);
        }
        if (results != null) {
            b.append(" results=").append(results.stream().map(Text::result).toList());
        }
        return b.toString().trim();
    }
}
