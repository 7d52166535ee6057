package io.chorus.persistence.log;

import static io.chorus.persistence.testing.TestEntries.append;
import static io.chorus.persistence.testing.TestEntries.range;
import static io.chorus.persistence.testing.TestEntries.readAll;
import static io.chorus.persistence.testing.TestEntries.zxids;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.TxnLog;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InMemoryTxnLogContractTest extends TxnLogContract {
    private InMemoryTxnLog current;

    @Override
    protected TxnLog openLog(Path dir) {
        current = current == null ? new InMemoryTxnLog() : current.reopen();
        return current;
    }

    @Test
    void aCrashLosesWhatWasNotSynced() throws IOException {
        InMemoryTxnLog log = new InMemoryTxnLog();
        append(log, 1, 5);
        log.sync();
        append(log, 6, 9);
        InMemoryTxnLog restarted = log.reopen();
        assertThat(zxids(readAll(restarted))).isEqualTo(range(1, 5));
        assertThat(restarted.lastZxid()).isEqualTo(5);
    }

    @Test
    void payloadsAreCopiedSoCallersCannotChangeTheLog() throws IOException {
        InMemoryTxnLog log = new InMemoryTxnLog();
        byte[] payload = {1, 2, 3};
        log.append(new io.chorus.api.spi.LogEntry(1, payload));
        payload[0] = 9;
        readAll(log).get(0).payload()[1] = 9;
        assertThat(readAll(log).get(0).payload()).containsExactly(1, 2, 3);
    }
}
