package io.chorus.persistence.log;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.spi.TxnLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MapDbTxnLogContractTest extends TxnLogContract {
    @Override
    protected TxnLog openLog(Path dir) throws IOException {
        return MapDbTxnLog.open(dir.resolve("log.db"));
    }

    @Test
    void aFileThatIsNotAMapDbStoreIsAClearErrorNamingIt() throws IOException {
        Path file = Files.write(dir.resolve("other.db"), new byte[8192]);
        assertThatThrownBy(() -> MapDbTxnLog.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString());
    }
}
