package io.chorus.persistence.log;

import io.chorus.api.spi.TxnLog;
import java.io.IOException;
import java.nio.file.Path;

class FileTxnLogContractTest extends TxnLogContract {
    @Override
    protected TxnLog openLog(Path dir) throws IOException {
        return FileTxnLog.open(dir.resolve("log"));
    }
}
