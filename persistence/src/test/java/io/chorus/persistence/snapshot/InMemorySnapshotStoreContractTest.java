package io.chorus.persistence.snapshot;

import io.chorus.api.spi.SnapshotStore;
import java.nio.file.Path;

class InMemorySnapshotStoreContractTest extends SnapshotStoreContract {
    private InMemorySnapshotStore current;

    @Override
    protected SnapshotStore openStore(Path dir) {
        current = current == null ? new InMemorySnapshotStore() : current.reopen();
        return current;
    }
}
