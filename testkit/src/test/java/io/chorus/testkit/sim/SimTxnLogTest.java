package io.chorus.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.spi.LogEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimTxnLogTest {
    private static LogEntry entry(long zxid) {
        return new LogEntry(zxid, ("payload-" + zxid).getBytes(StandardCharsets.UTF_8));
    }

    private static List<Long> zxids(SimTxnLog log) {
        List<Long> zxids = new ArrayList<>();
        Iterator<LogEntry> it = log.readAfter(0);
        while (it.hasNext()) {
            LogEntry e = it.next();
            assertThat(new String(e.payload(), StandardCharsets.UTF_8)).isEqualTo("payload-" + e.zxid());
            zxids.add(e.zxid());
        }
        return zxids;
    }

    private static SimTxnLog logWith(int synced, int unsynced) {
        SimTxnLog log = new SimTxnLog();
        for (int i = 1; i <= synced; i++) {
            log.append(entry(i));
        }
        log.sync();
        for (int i = synced + 1; i <= synced + unsynced; i++) {
            log.append(entry(i));
        }
        return log;
    }

    @Test
    void aCrashLosesEveryUnsyncedAppendByDefault() {
        SimTxnLog log = logWith(3, 4);
        assertThat(log.lastZxid()).isEqualTo(7);
        assertThat(log.durableZxid()).isEqualTo(3);
        log.crash(DiskFaults.LOSE_UNSYNCED, new SimRandom(1));
        assertThat(zxids(log)).containsExactly(1L, 2L, 3L);
        assertThat(log.lastZxid()).isEqualTo(3);
        assertThat(log.hasUnsynced()).isFalse();
    }

    @Test
    void aCrashMayKeepAPrefixOfTheUnsyncedAppendsButNeverAHole() {
        Set<Integer> keptCounts = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            SimTxnLog log = logWith(2, 5);
            log.crash(DiskFaults.KEEP_PREFIX, new SimRandom(seed));
            List<Long> kept = zxids(log);
            assertThat(kept.size()).isBetween(2, 7);
            for (int i = 0; i < kept.size(); i++) {
                assertThat(kept.get(i)).as("a prefix, in order").isEqualTo(i + 1L);
            }
            keptCounts.add(kept.size());
        }
        assertThat(keptCounts).as("every prefix length happens over 200 seeds").containsExactlyInAnyOrder(2, 3, 4, 5, 6, 7);
    }

    @Test
    void aTornRecordIsFoundByRecoveryAndDiscarded() {
        int torn = 0;
        for (long seed = 0; seed < 100; seed++) {
            SimTxnLog log = logWith(2, 5);
            log.crash(DiskFaults.TORN, new SimRandom(seed));
            torn += log.tornRecordsDiscarded();
            List<Long> kept = zxids(log); // every surviving record is whole (checked inside)
            for (int i = 0; i < kept.size(); i++) {
                assertThat(kept.get(i)).isEqualTo(i + 1L);
            }
            log.append(entry(kept.size() + 1)); // and the log goes on after it
        }
        assertThat(torn).as("some crashes tear the record after the kept prefix").isPositive();
    }

    @Test
    void withoutTheSwitchNothingIsEverTorn() {
        for (long seed = 0; seed < 50; seed++) {
            SimTxnLog log = logWith(2, 5);
            log.crash(DiskFaults.KEEP_PREFIX, new SimRandom(seed));
            assertThat(log.tornRecordsDiscarded()).isZero();
        }
    }

    @Test
    void anFsyncCoversOnlyWhatWasAppendedBeforeIt() {
        SimTxnLog log = new SimTxnLog();
        log.append(entry(1));
        log.append(entry(2));
        long issued = log.writeSequence();
        log.append(entry(3));
        log.markDurableThrough(issued);
        assertThat(log.durableZxid()).isEqualTo(2);
        assertThat(log.hasUnsynced()).isTrue();
        log.crash(DiskFaults.LOSE_UNSYNCED, new SimRandom(0));
        assertThat(zxids(log)).containsExactly(1L, 2L);
    }

    @Test
    void truncationIsDurableAtOnce() {
        SimTxnLog log = logWith(2, 3);
        log.truncateAfter(3);
        assertThat(log.durableZxid()).isEqualTo(3);
        log.crash(DiskFaults.LOSE_UNSYNCED, new SimRandom(0));
        assertThat(zxids(log)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void appendsMustGoUpAndPayloadsAreCopied() {
        SimTxnLog log = new SimTxnLog();
        byte[] payload = "abc".getBytes(StandardCharsets.UTF_8);
        log.append(new LogEntry(5, payload));
        payload[0] = 'X';
        assertThat(new String(log.readAfter(0).next().payload(), StandardCharsets.UTF_8)).isEqualTo("abc");
        assertThatThrownBy(() -> log.append(entry(5))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void purgeRemovesWholeSegmentsBelowTheMark() {
        SimTxnLog log = new SimTxnLog();
        log.append(entry(1));
        log.append(entry(2));
        log.roll();
        log.append(entry(3));
        log.append(entry(4));
        log.roll();
        log.append(entry(5));
        log.sync();
        log.purgeUpTo(3); // the second segment holds 4: it stays
        assertThat(zxids(log)).containsExactly(3L, 4L, 5L);
        log.purgeUpTo(10); // the newest segment is never purged
        assertThat(zxids(log)).containsExactly(5L);
        assertThat(log.durableZxid()).isEqualTo(5);
    }

    @Test
    void metadataSurvivesACrashOfTheDisk() throws Exception {
        SimDisk disk = new SimDisk();
        disk.metadata().put("epoch", 7);
        disk.log().append(entry(1));
        disk.crash(DiskFaults.LOSE_UNSYNCED, new SimRandom(0));
        assertThat(disk.metadata().get("epoch", -1)).isEqualTo(7);
        assertThat(disk.metadata().get("other", -1)).isEqualTo(-1);
        assertThat(disk.log().lastZxid()).isZero();
    }
}
