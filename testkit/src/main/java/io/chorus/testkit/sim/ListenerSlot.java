package io.chorus.testkit.sim;

import io.chorus.api.spi.AppMessage;
import io.chorus.api.spi.Leadership;
import io.chorus.api.spi.LogEntry;

/**
 * A listener to give the simulation's builder before what listens exists (simulated clients need the built
 * simulation): it forwards everything to the listener {@link #set} later, and drops what comes before.
 */
public final class ListenerSlot implements NodeListener {
    private NodeListener delegate;

    public void set(NodeListener listener) {
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
    public void onReadBarrierRefused(int node, long token) {
        if (delegate != null) {
            delegate.onReadBarrierRefused(node, token);
        }
    }

    @Override
    public void onLeadership(int node, Leadership leadership) {
        if (delegate != null) {
            delegate.onLeadership(node, leadership);
        }
    }

    @Override
    public void onAppMessage(int node, AppMessage message) {
        if (delegate != null) {
            delegate.onAppMessage(node, message);
        }
    }
}
