package io.chorus.server.node;

/**
 * The log's durability reports as the protocol must hear them. The log reports from its own thread; a report it
 * made before reaching a truncation the driver has handed it can reach the driver's loop after the protocol was
 * told of the truncation, and must not vouch for the entries that replaced the ones it was about (paxos-lite
 * reuses the slots it truncates; Zab's next entries have a higher epoch). Until the log's thread has reached every
 * truncation handed to it, a report is held down to the lowest of their points. Loop thread only.
 */
final class DurabilityReports {
    private int truncationsPending;
    private long truncatedTo = Long.MAX_VALUE;

    /** The driver handed the log a truncation after {@code zxid}. */
    void truncationHandedOver(long zxid) {
        truncationsPending++;
        truncatedTo = Math.min(truncatedTo, zxid);
    }

    /** The log's thread has reached the oldest truncation still pending: reports made after it are current. */
    void truncationReached() {
        if (truncationsPending == 0) {
            throw new IllegalStateException("a truncation reached that was never handed over");
        }
        if (--truncationsPending == 0) {
            truncatedTo = Long.MAX_VALUE;
        }
    }

    /** What the protocol hears for the log's report that everything up to {@code zxid} is durable. */
    long asReported(long zxid) {
        return truncationsPending > 0 ? Math.min(zxid, truncatedTo) : zxid;
    }
}
