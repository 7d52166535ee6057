package io.chorus.testkit.sim;

/**
 * What a crash does to the appends that were not yet synced. They are never reordered and never survive
 * out of order: what is kept is always a prefix.
 *
 * @param keepUnsyncedPrefix a crash keeps a random prefix (possibly empty, possibly all) of the unsynced
 *     appends, as a real disk that flushed part of its cache does; when false every unsynced append is lost
 * @param tornLastRecord the crash may also leave the record after the kept prefix half written; recovery
 *     must notice it (its checksum fails) and discard it, as the file log's recovery does
 */
public record DiskFaults(boolean keepUnsyncedPrefix, boolean tornLastRecord) {
    /** Exactly the synced appends survive. */
    public static final DiskFaults LOSE_UNSYNCED = new DiskFaults(false, false);
    /** A random prefix of the unsynced appends survives. */
    public static final DiskFaults KEEP_PREFIX = new DiskFaults(true, false);
    /** A random prefix survives, and the record after it may be torn. */
    public static final DiskFaults TORN = new DiskFaults(true, true);
}
