package io.chorus.persistence.metadata;

import io.chorus.api.spi.DurableMetadata;
import java.nio.file.Path;

class InMemoryMetadataContractTest extends DurableMetadataContract {
    private InMemoryMetadata current;

    @Override
    protected DurableMetadata openMetadata(Path dir) {
        current = current == null ? new InMemoryMetadata() : current.reopen();
        return current;
    }
}
