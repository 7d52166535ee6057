package io.chorus.datatree;

import io.chorus.api.Code;
import java.util.List;

/**
 * What applying one transaction produced: its result code, the response the requester gets
 * ({@link io.chorus.api.Created} for create, {@link io.chorus.api.Stat} for setData/setACL,
 * {@code List<OpResult>} for multi — also when it failed — and null otherwise), and the changes
 * that trigger watches, in order.
 */
public record ApplyResult(Code code, Object response, List<WatchTrigger> triggers) {
    public ApplyResult {
        triggers = List.copyOf(triggers);
    }
}
