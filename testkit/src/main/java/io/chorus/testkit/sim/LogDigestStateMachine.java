package io.chorus.testkit.sim;

import io.chorus.api.spi.LogEntry;

/**
 * A state machine whose state is the hash chain of the entries applied to it: two replicas have the same
 * digest exactly when they applied the same (zxid, payload) sequence. Enough to test a protocol alone.
 */
public final class LogDigestStateMachine implements StateMachine {
    private long digest;
    private long applied;

    @Override
    public Object apply(LogEntry entry) {
        digest = TraceHash.mix(digest * 31 + entry.zxid()) ^ TraceHash.hashBytes(entry.payload());
        applied++;
        return applied;
    }

    @Override
    public long digest() {
        return digest;
    }

    @Override
    public byte[] snapshot() {
        return java.nio.ByteBuffer.allocate(16).putLong(digest).putLong(applied).array();
    }

    @Override
    public void restore(byte[] snapshot) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(snapshot);
        digest = in.getLong();
        applied = in.getLong();
    }

    public long applied() {
        return applied;
    }
}
