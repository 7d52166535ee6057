package io.chorus.server.conformance;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.Stat;

/**
 * Writes what an operation returned as one line of text that is equal for equal outcomes on any server (see
 * {@link StatShape}), so that the differential test compares, and prints, outcomes as strings.
 */
final class OutcomeText {

    private final long sessionId;

    OutcomeText(long sessionId) {
        this.sessionId = sessionId;
    }

    String stat(Stat stat) {
        return stat == null ? "no node" : StatShape.of(stat, sessionId).toString();
    }

    static String data(byte[] data) {
        return data == null ? "null" : "0x" + HexFormat.of().formatHex(data);
    }

    static String children(List<String> names) {
        return names.stream().sorted().collect(Collectors.joining(",", "[", "]"));
    }

    String failure(KeeperException e) {
        String text = "error " + e.code();
        return e.getResults() == null ? text : text + " results " + results(e.getResults());
    }

    String results(List<OpResult> results) {
        return results.stream().map(this::result).collect(Collectors.joining("; ", "[", "]"));
    }

    private String result(OpResult result) {
        if (result instanceof OpResult.CreateResult create) {
            return "created " + create.getPath() + (create.getStat() == null ? "" : " " + stat(create.getStat()));
        } else if (result instanceof OpResult.SetDataResult set) {
            return "set " + stat(set.getStat());
        } else if (result instanceof OpResult.DeleteResult) {
            return "deleted";
        } else if (result instanceof OpResult.CheckResult) {
            return "checked";
        } else if (result instanceof OpResult.GetDataResult get) {
            return "data " + data(get.getData()) + " " + stat(get.getStat());
        } else if (result instanceof OpResult.GetChildrenResult children) {
            return "children " + children(children.getChildren());
        } else if (result instanceof OpResult.ErrorResult error) {
            return "error " + KeeperException.Code.get(error.getErr());
        }
        throw new IllegalArgumentException("unknown result type " + result.getClass().getName());
    }
}
