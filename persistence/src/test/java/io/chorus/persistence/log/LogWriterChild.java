package io.chorus.persistence.log;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.TxnLog;
import io.chorus.persistence.testing.StdinWatch;
import io.chorus.persistence.testing.TestEntries;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The process {@link LogCrashTest} kills: appends entries 1, 2, 3, ... through a {@link GroupCommitter} as
 * fast as it can and prints {@code durable <zxid>} for every durable report, until killed, until stdin
 * closes, or until {@link #ZXID_MAX}. Usage: {@code LogWriterChild file|mapdb <directory>}.
 */
public final class LogWriterChild {
    /** The child stops by itself here, so a lost parent never leaves it writing for long. */
    static final long ZXID_MAX = 2_000_000;
    private static final int BATCH_ENTRIES_MAX = 20;

    private LogWriterChild() {
    }

    public static void main(String[] args) throws Exception {
        StdinWatch.haltOnEof(() -> { });
        TxnLog log = LogCrashTest.openLog(args[0], Path.of(args[1]));
        PrintStream out = System.out;
        Object progress = new Object();
        long[] durable = {log.lastZxid()};
        GroupCommitter committer = new GroupCommitter(log, GroupCommitLimits.defaults(), zxid -> {
            out.println("durable " + zxid);
            out.flush();
            synchronized (progress) {
                durable[0] = zxid;
                progress.notifyAll();
            }
        }, failure -> {
            out.println("failed " + failure);
            out.flush();
            Runtime.getRuntime().halt(3);
        });
        SplittableRandom random = new SplittableRandom(11);
        long zxid = log.lastZxid();
        while (zxid < ZXID_MAX) {
            List<LogEntry> batch = new ArrayList<>();
            for (int i = random.nextInt(1, BATCH_ENTRIES_MAX + 1); i > 0; i--) {
                batch.add(TestEntries.entry(++zxid));
            }
            awaitRoom(committer, batch, progress, durable);
        }
        committer.close();
        log.close();
    }

    private static void awaitRoom(GroupCommitter committer, List<LogEntry> batch, Object progress, long[] durable)
            throws InterruptedException {
        while (true) {
            long seen;
            synchronized (progress) {
                seen = durable[0];
            }
            if (committer.submit(batch)) {
                return;
            }
            synchronized (progress) {
                while (durable[0] == seen) {
                    progress.wait(100);
                }
            }
        }
    }

    static IOException usage() {
        return new IOException("usage: LogWriterChild file|mapdb <directory>");
    }
}
