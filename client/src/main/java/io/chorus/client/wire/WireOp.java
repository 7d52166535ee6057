package io.chorus.client.wire;

import io.chorus.api.Op;

/** One operation of a multi as it travels: the wire type (create, create2, createTTL, ...) and the op. */
public record WireOp(int type, Op op) {
}
