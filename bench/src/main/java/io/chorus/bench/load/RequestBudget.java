package io.chorus.bench.load;

import java.util.concurrent.atomic.AtomicLong;

/** The count bound of a run: at most {@code requestsMax} requests are ever issued, across all sessions. */
final class RequestBudget {
    private final AtomicLong issued = new AtomicLong();
    private final long requestsMax;

    RequestBudget(long requestsMax) {
        if (requestsMax < 1) {
            throw new IllegalArgumentException("requestsMax must be positive: " + requestsMax);
        }
        this.requestsMax = requestsMax;
    }

    /** Takes one request from the budget; false once it is spent. */
    boolean tryTake() {
        // Counting past the bound is harmless: each caller is refused and the count is never used after.
        return issued.incrementAndGet() <= requestsMax;
    }

    /** Requests actually issued so far (never above the bound). */
    long issued() {
        return Math.min(issued.get(), requestsMax);
    }
}
