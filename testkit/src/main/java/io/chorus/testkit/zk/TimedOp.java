package io.chorus.testkit.zk;

import io.chorus.api.ReadConsistency;

/**
 * One operation of an experiment's workload as the client saw it: who issued it against which server, when it
 * was invoked and answered (microseconds on the run's clock: simulated or {@code System.nanoTime}/1000), and the
 * zxids that say what it did or saw. Shared by the simulated and the real-process runs so one analysis serves
 * both.
 *
 * @param client      the client's index (1-based)
 * @param server      the id of the server the client was connected to when it invoked the operation
 * @param write       a setData (true) or a read (false)
 * @param mode        the read's consistency; null for a write
 * @param key         the znode written or read
 * @param invokedMicros when the client sent it
 * @param answeredMicros when the answer arrived; {@link #UNANSWERED} if the connection was lost first
 * @param code        ZooKeeper's error code of the answer (0 = OK); meaningless when unanswered
 * @param servedZxid  the reply header's zxid: for a read, the serving server's last applied zxid
 * @param mzxid       the zxid of the write whose value a read returned, or of the write itself
 */
public record TimedOp(int client, int server, boolean write, ReadConsistency mode, String key, long invokedMicros,
        long answeredMicros, int code, long servedZxid, long mzxid) {
    public static final long UNANSWERED = -1;

    /** Answered without an error. */
    public boolean ok() {
        return answeredMicros != UNANSWERED && code == 0;
    }

    public long latencyMicros() {
        return answeredMicros - invokedMicros;
    }
}
