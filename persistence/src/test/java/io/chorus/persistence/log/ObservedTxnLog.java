package io.chorus.persistence.log;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.TxnLog;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a log to count its syncs, hold them at a gate (so a test decides when a sync finishes) and make them
 * fail, which is how the group-commit tests control batching deterministically.
 */
final class ObservedTxnLog implements TxnLog {
    private static final long GATE_WAIT_SECONDS_MAX = 30;

    private final TxnLog delegate;
    private final AtomicInteger syncs = new AtomicInteger();
    private final Semaphore syncsEntered = new Semaphore(0);
    private volatile CountDownLatch gate;
    private volatile IOException syncFailure;

    ObservedTxnLog(TxnLog delegate) {
        this.delegate = delegate;
    }

    /** Syncs from now on wait until {@link #releaseSyncs()}. */
    void holdSyncs() {
        gate = new CountDownLatch(1);
    }

    void releaseSyncs() {
        CountDownLatch held = gate;
        gate = null;
        if (held != null) {
            held.countDown();
        }
    }

    /** Waits until a sync has started (and, if held, is waiting at the gate). */
    void awaitSyncStarted() throws InterruptedException {
        if (!syncsEntered.tryAcquire(GATE_WAIT_SECONDS_MAX, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no sync started within " + GATE_WAIT_SECONDS_MAX + " s");
        }
    }

    void failSyncsWith(IOException failure) {
        syncFailure = failure;
    }

    /** Syncs that completed. */
    int syncCount() {
        return syncs.get();
    }

    @Override
    public void append(LogEntry entry) throws IOException {
        delegate.append(entry);
    }

    @Override
    public void sync() throws IOException {
        syncsEntered.release();
        CountDownLatch held = gate;
        if (held != null) {
            try {
                if (!held.await(GATE_WAIT_SECONDS_MAX, TimeUnit.SECONDS)) {
                    throw new IOException("test never released the sync gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted at the sync gate");
            }
        }
        IOException failure = syncFailure;
        if (failure != null) {
            throw failure;
        }
        delegate.sync();
        syncs.incrementAndGet();
    }

    @Override
    public long lastZxid() {
        return delegate.lastZxid();
    }

    @Override
    public Iterator<LogEntry> readAfter(long afterZxid) throws IOException {
        return delegate.readAfter(afterZxid);
    }

    @Override
    public void truncateAfter(long zxid) throws IOException {
        delegate.truncateAfter(zxid);
    }

    @Override
    public void roll() throws IOException {
        delegate.roll();
    }

    @Override
    public void purgeUpTo(long zxid) throws IOException {
        delegate.purgeUpTo(zxid);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
