package io.chorus.persistence.snapshot;

import io.chorus.api.spi.SnapshotStore;
import java.io.IOException;
import java.nio.file.Path;

class MapDbSnapshotStoreContractTest extends SnapshotStoreContract {
    @Override
    protected SnapshotStore openStore(Path dir) throws IOException {
        return MapDbSnapshotStore.open(dir.resolve("snapshots"));
    }
}
