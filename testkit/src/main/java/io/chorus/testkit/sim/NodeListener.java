package io.chorus.testkit.sim;

import io.chorus.api.spi.Leadership;
import io.chorus.api.spi.AppMessage;
import io.chorus.api.spi.LogEntry;

/**
 * The hook through which what sits above the protocol (simulated clients, later) hears what a node did.
 * Called on the simulator's thread while the node carries out a Ready; a listener may propose again (the
 * proposal is handled in the same Ready loop) but must not crash or restart nodes directly: schedule that.
 */
public interface NodeListener {
    /** {@code entry} was committed and applied at {@code node}; {@code result} is the state machine's answer. */
    default void onApplied(int node, LogEntry entry, Object result) {
    }

    default void onReadBarrier(int node, long token) {
    }

    /** A linearizable read's barrier was refused: {@code node} does not lead. */
    default void onReadBarrierRefused(int node, long token) {
    }

    default void onLeadership(int node, Leadership leadership) {
    }

    /** {@code node} received an application message ({@code sendToLeader} or {@code sendToFollower}). */
    default void onAppMessage(int node, AppMessage message) {
    }
}
