package io.chorus.client.wire;

import io.chorus.api.OpResult;

/** One result of a multi as it travels: the wire type (the op's, or {@link OpCode#ERROR}) and the result. */
public record WireResult(int type, OpResult result) {
}
