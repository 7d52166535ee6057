package io.chorus.server.node;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.TxnLog;
import io.chorus.persistence.log.GroupCommitLimits;
import io.chorus.persistence.log.GroupCommitter;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The driver's durable log: a {@link GroupCommitter} over the node's {@link TxnLog}. When the
 * committer's queue is full, entries wait here and go in as soon as a durable report frees room, so
 * the protocol never sees a refused append.
 */
public final class GroupCommitLog implements DurableLog {
    private final GroupCommitter committer;
    private final ArrayDeque<List<LogEntry>> backlog = new ArrayDeque<>();
    private final AtomicLong coversAfter = new AtomicLong();
    private final int partEntries;

    public GroupCommitLog(TxnLog log, GroupCommitLimits limits, LongConsumer onDurable, Consumer<Throwable> onFailure) {
        this.partEntries = limits.queueEntriesMax();
        this.committer = new GroupCommitter(log, limits, zxid -> {
            retryBacklog();
            onDurable.accept(zxid);
        }, onFailure);
    }

    /**
     * Queues {@code entries} in parts the committer's queue can hold: a follower catching up may be handed more at
     * once (a whole DIFF) than the queue's bound.
     */
    @Override
    public synchronized void append(List<LogEntry> entries) {
        for (int from = 0; from < entries.size(); from += partEntries) {
            backlog.addLast(entries.subList(from, Math.min(entries.size(), from + partEntries)));
        }
        retryBacklog();
    }

    /** Hands the committer, in order, what it refused before. */
    private synchronized void retryBacklog() {
        while (!backlog.isEmpty() && committer.submit(backlog.peekFirst())) {
            backlog.pollFirst();
        }
    }

    @Override
    public synchronized void truncateAfter(long zxid) {
        if (!backlog.isEmpty()) {
            throw new IllegalStateException("truncate while appends wait for room in the group committer");
        }
        committer.truncateAfter(zxid);
    }

    @Override
    public void rollAndPurge(long purgeUpToZxid) {
        committer.rollAndPurge(purgeUpToZxid);
        coversAfter.accumulateAndGet(purgeUpToZxid, Math::max);
    }

    @Override
    public long coversAfter() {
        return coversAfter.get();
    }

    @Override
    public void startsAfter(long zxid) {
        coversAfter.accumulateAndGet(zxid, Math::max);
    }

    @Override
    public <T> CompletableFuture<T> onLogThread(GroupCommitter.LogWork<T> work) {
        return committer.onLogThread(work);
    }

    @Override
    public void close() {
        committer.close();
    }
}
