package io.chorus.client.call;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The future a call returns. It completes on the event thread, in wire order after every notification that
 * arrived before the reply. {@link #settled()} completes earlier, on the connection's thread, the moment the
 * outcome is known: a blocking call made from the event thread itself waits on that one, since the event
 * thread cannot run the completion it would be waiting for.
 */
public final class ReplyFuture<T> extends CompletableFuture<T> {
    private final CompletableFuture<T> settled = new CompletableFuture<>();

    /** A future already failed, for calls refused before sending. */
    public static <T> ReplyFuture<T> failed(Throwable failure) {
        ReplyFuture<T> f = new ReplyFuture<>();
        f.settled.completeExceptionally(failure);
        f.completeExceptionally(failure);
        return f;
    }

    /** A future already completed, for calls answered without the server (an empty multi, a local removal). */
    public static <T> ReplyFuture<T> completed(T value) {
        ReplyFuture<T> f = new ReplyFuture<>();
        f.settled.complete(value);
        f.complete(value);
        return f;
    }

    /** Completes on the connection's thread; for waiting only (never chain work on it). */
    public CompletableFuture<T> settled() {
        return settled;
    }

    void succeed(T value, Executor eventThread) {
        if (!settled.complete(value)) {
            throw new IllegalStateException("a call was settled twice");
        }
        eventThread.execute(() -> complete(value));
    }

    void fail(Throwable failure, Executor eventThread) {
        if (!settled.completeExceptionally(failure)) {
            throw new IllegalStateException("a call was settled twice", failure);
        }
        eventThread.execute(() -> completeExceptionally(failure));
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
