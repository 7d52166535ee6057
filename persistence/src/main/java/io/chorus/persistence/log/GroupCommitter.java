package io.chorus.persistence.log;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.TxnLog;
import io.chorus.api.spi.Zxid;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes appended entries durable with one sync per group instead of one per entry. Owns one thread,
 * {@value #THREAD_NAME}, which takes everything queued when the previous sync finished (capped by
 * {@link GroupCommitLimits}), appends it, syncs once and reports the highest durable zxid to
 * {@code onDurable}: on that thread, in zxid order, each zxid at most once.
 *
 * <p>{@link #submit} never blocks: when the queue bound is reached it returns false and queues nothing; the
 * caller retries after its next {@code onDurable} call, which frees room. {@link #truncateAfter} is ordered
 * with the appends around it; entries it removes are never reported, and reports resume above its zxid (the
 * only case where a report can be lower than an earlier one).
 *
 * <p>A failure of the log (or of a callback) stops everything: the entries not yet synced are never
 * reported, {@code onFailure} hears the cause once, and later calls to {@link #submit} throw. A server must
 * then stop rather than acknowledge anything more. The log stays open: its owner closes it.
 *
 * <p>Interrupting the committer thread is ignored, since an interrupt closes a {@code FileChannel} under
 * the log; {@link #close()} is the way to stop it.
 */
public final class GroupCommitter implements AutoCloseable {
    public static final String THREAD_NAME = "chorus-group-commit";
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    private sealed interface Command permits Append, Truncate, RollAndPurge, Read {
    }

    /** Work on the log that must see every command before it and none after (a read for a peer, say). */
    @FunctionalInterface
    public interface LogWork<T> {
        T apply(TxnLog log) throws IOException;
    }

    private record Read(Consumer<TxnLog> work, CompletableFuture<?> result) implements Command {
    }

    private record Append(List<LogEntry> entries, long payloadBytes) implements Command {
    }

    private record Truncate(long zxid) implements Command {
    }

    private record RollAndPurge(long purgeUpToZxid) implements Command {
    }

    /** The commands one sync covers. */
    private final class Group {
        final List<Command> commands = new ArrayList<>();
        int entries;
        long payloadBytes;

        boolean isFull() {
            return entries >= limits.batchEntriesMax() || payloadBytes >= limits.batchBytesMax();
        }
    }

    private final TxnLog log;
    private final GroupCommitLimits limits;
    private final LongConsumer onDurable;
    private final Consumer<Throwable> onFailure;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition commandQueued = lock.newCondition();
    /** Guarded by {@link #lock}, as are the fields up to {@link #failure}. */
    private final ArrayDeque<Command> queue = new ArrayDeque<>();
    private int queuedEntries;
    private long lastSubmittedZxid;
    private boolean closing;
    private Throwable failure;
    /** Committer thread only. */
    private long reportedZxid;
    private final Thread thread;

    public GroupCommitter(TxnLog log, GroupCommitLimits limits, LongConsumer onDurable) {
        this(log, limits, onDurable, cause -> { });
    }

    /** Starts the committer thread; entries already in {@code log} count as durable and are not reported. */
    public GroupCommitter(TxnLog log, GroupCommitLimits limits, LongConsumer onDurable,
                          Consumer<Throwable> onFailure) {
        this.log = Objects.requireNonNull(log, "log");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.onDurable = Objects.requireNonNull(onDurable, "onDurable");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        this.lastSubmittedZxid = log.lastZxid();
        this.reportedZxid = lastSubmittedZxid;
        this.thread = new Thread(this::run, THREAD_NAME);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues {@code entries} (zxids increasing, above everything submitted before) to be appended and synced.
     * The entries' payloads must not change afterwards.
     *
     * @return false, queuing nothing, when they would take the queue past
     *         {@link GroupCommitLimits#queueEntriesMax()}
     * @throws IllegalArgumentException when the zxids are out of order or the list could never fit the queue
     * @throws IllegalStateException    after {@link #close()} or a failure (with the failure as its cause)
     */
    public boolean submit(List<LogEntry> entries) {
        List<LogEntry> copy = List.copyOf(entries);
        if (copy.size() > limits.queueEntriesMax()) {
            throw new IllegalArgumentException(copy.size() + " entries can never fit queueEntriesMax "
                    + limits.queueEntriesMax() + "; submit them in parts");
        }
        long payloadBytes = 0;
        for (LogEntry entry : copy) {
            payloadBytes += entry.payload().length;
        }
        lock.lock();
        try {
            ensureRunning();
            if (copy.isEmpty()) {
                return true;
            }
            if (queuedEntries + copy.size() > limits.queueEntriesMax()) {
                return false;
            }
            requireIncreasing(copy, lastSubmittedZxid);
            queue.addLast(new Append(copy, payloadBytes));
            queuedEntries += copy.size();
            lastSubmittedZxid = copy.get(copy.size() - 1).zxid();
            commandQueued.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Queues a truncation of the log after {@code zxid}, applied after everything submitted before it. */
    public void truncateAfter(long zxid) {
        lock.lock();
        try {
            ensureRunning();
            queue.addLast(new Truncate(zxid));
            lastSubmittedZxid = Math.min(lastSubmittedZxid, zxid);
            commandQueued.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues a roll of the log to a new segment followed by a purge of the segments wholly at or below
     * {@code purgeUpToZxid} (0 purges nothing), ordered with the appends around it: the log is only ever
     * touched by the committer thread.
     */
    public void rollAndPurge(long purgeUpToZxid) {
        lock.lock();
        try {
            ensureRunning();
            queue.addLast(new RollAndPurge(purgeUpToZxid));
            commandQueued.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} on the committer thread, after everything queued before it (appended, if not yet
     * synced) and before anything queued after: the only way to read a log this committer writes. The future
     * fails if the work throws or the committer has stopped.
     */
    public <T> CompletableFuture<T> onLogThread(LogWork<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        lock.lock();
        try {
            ensureRunning();
            queue.addLast(new Read(log -> {
                try {
                    result.complete(work.apply(log));
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }, result));
            commandQueued.signal();
        } finally {
            lock.unlock();
        }
        return result;
    }

    /** The failure that stopped the committer, if one did. */
    public Optional<Throwable> failure() {
        lock.lock();
        try {
            return Optional.ofNullable(failure);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes everything already queued durable (reporting it), then stops the thread and waits for it. Called
     * from {@code onDurable} itself, it only asks the thread to stop.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            commandQueued.signalAll();
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() == thread) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            Group group;
            while ((group = nextGroup()) != null) {
                commit(group);
            }
        } catch (Throwable t) {
            fail(t);
        }
    }

    /** Waits for work and takes the next group, or returns null once closing with nothing left. */
    private Group nextGroup() {
        lock.lock();
        try {
            while (queue.isEmpty() && !closing) {
                commandQueued.awaitUninterruptibly();
            }
            clearInterrupt();
            if (queue.isEmpty()) {
                return null;
            }
            Group group = new Group();
            drainInto(group);
            waitForMore(group);
            return group;
        } finally {
            lock.unlock();
        }
    }

    /** With a batch delay, lets a group that is not full wait up to that long for more entries. */
    private void waitForMore(Group group) {
        if (limits.batchDelayMicrosMax() == 0) {
            return;
        }
        long deadlineNanos = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(limits.batchDelayMicrosMax());
        long remainingNanos;
        while (!group.isFull() && !closing && (remainingNanos = deadlineNanos - System.nanoTime()) > 0) {
            try {
                commandQueued.awaitNanos(remainingNanos);
            } catch (InterruptedException e) {
                LOG.warn("Ignoring an interrupt of the group-commit thread; close() stops it");
            }
            drainInto(group);
        }
    }

    /** Moves queued commands into {@code group} up to its caps, splitting an append that does not fit. */
    private void drainInto(Group group) {
        while (!queue.isEmpty() && !group.isFull()) {
            Command head = queue.removeFirst();
            if (!(head instanceof Append)) {
                group.commands.add(head);
                continue;
            }
            Append append = (Append) head;
            int take = 0;
            long takenBytes = 0;
            while (take < append.entries.size() && group.entries + take < limits.batchEntriesMax()) {
                long bytes = append.entries.get(take).payload().length;
                boolean groupHasEntries = group.entries + take > 0;
                if (groupHasEntries && group.payloadBytes + takenBytes + bytes > limits.batchBytesMax()) {
                    break;
                }
                takenBytes += bytes;
                take++;
            }
            if (take < append.entries.size()) {
                List<LogEntry> rest = append.entries.subList(take, append.entries.size());
                queue.addFirst(new Append(rest, append.payloadBytes - takenBytes));
            }
            if (take == 0) {
                return;
            }
            group.commands.add(new Append(append.entries.subList(0, take), takenBytes));
            group.entries += take;
            group.payloadBytes += takenBytes;
            queuedEntries -= take;
        }
    }

    private void commit(Group group) throws IOException {
        long truncatedTo = Long.MAX_VALUE;
        for (Command command : group.commands) {
            if (command instanceof Append append) {
                for (LogEntry entry : append.entries) {
                    log.append(entry);
                }
            } else if (command instanceof Truncate truncate) {
                log.truncateAfter(truncate.zxid);
                truncatedTo = Math.min(truncatedTo, truncate.zxid);
            } else if (command instanceof Read read) {
                read.work.accept(log);
            } else {
                // Appends before the roll must be durable in the segment they went to before it closes.
                RollAndPurge maintenance = (RollAndPurge) command;
                log.sync();
                log.roll();
                if (maintenance.purgeUpToZxid > 0) {
                    log.purgeUpTo(maintenance.purgeUpToZxid);
                }
            }
        }
        log.sync();
        reportedZxid = Math.min(reportedZxid, truncatedTo);
        long durable = log.lastZxid();
        if (durable > reportedZxid) {
            reportedZxid = durable;
            onDurable.accept(durable);
        }
    }

    private void fail(Throwable cause) {
        lock.lock();
        try {
            failure = cause;
            for (Command command : queue) {
                if (command instanceof Read read) {
                    read.result.completeExceptionally(cause);
                }
            }
            queue.clear();
            queuedEntries = 0;
        } finally {
            lock.unlock();
        }
        LOG.error("Group commit stopped: the transaction log failed, and nothing more will be reported durable",
                cause);
        try {
            onFailure.accept(cause);
        } catch (RuntimeException | Error e) {
            LOG.error("onFailure callback threw", e);
        }
    }

    private void ensureRunning() {
        if (failure != null) {
            throw new IllegalStateException("group commit stopped after a log failure; nothing more can be made"
                    + " durable", failure);
        }
        if (closing) {
            throw new IllegalStateException("group committer is closed");
        }
    }

    private static void requireIncreasing(List<LogEntry> entries, long afterZxid) {
        long prev = afterZxid;
        for (LogEntry entry : entries) {
            if (entry.zxid() <= prev) {
                throw new IllegalArgumentException("zxid " + Zxid.toString(entry.zxid()) + " is not above "
                        + Zxid.toString(prev) + ", the last zxid submitted before it");
            }
            prev = entry.zxid();
        }
    }

    private static void clearInterrupt() {
        if (Thread.interrupted()) {
            LOG.warn("Ignoring an interrupt of the group-commit thread; close() stops it");
        }
    }
}
