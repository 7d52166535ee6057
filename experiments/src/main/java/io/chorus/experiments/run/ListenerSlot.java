package io.chorus.experiments.run;

import io.chorus.api.spi.LearnerMessage;
import io.chorus.api.spi.LogEntry;
import io.chorus.testkit.sim.NodeListener;

/** The clients need the simulation to exist before they can listen to it: this forwards to them once set. */
final class ListenerSlot implements NodeListener {
    private NodeListener delegate;

    void set(NodeListener listener) {
        this.delegate = listener;
    }

    @Override
    public void onApplied(int node, LogEntry entry, Object result) {
        if (delegate != null) {
            delegate.onApplied(node, entry, result);
        }
    }

    @Override
    public void onReadBarrier(int node, long token) {
        if (delegate != null) {
            delegate.onReadBarrier(node, token);
        }
    }

    @Override
    public void onLearnerMessage(int node, LearnerMessage message) {
        if (delegate != null) {
            delegate.onLearnerMessage(node, message);
        }
    }
}
