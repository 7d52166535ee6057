package io.chorus.persistence.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.spi.DurableMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MapDbMetadataContractTest extends DurableMetadataContract {
    @Override
    protected DurableMetadata openMetadata(Path dir) throws IOException {
        return MapDbMetadata.open(dir.resolve("meta").resolve("metadata.db"));
    }

    @Test
    void aFileThatIsNotAMapDbStoreIsAClearErrorNamingItAndCanBeReplaced(@org.junit.jupiter.api.io.TempDir Path other)
            throws IOException {
        Path file = Files.writeString(other.resolve("metadata.db"), "epoch=3\n".repeat(100));
        assertThatThrownBy(() -> MapDbMetadata.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString());
        Files.delete(file);
        try (MapDbMetadata metadata = MapDbMetadata.open(file)) {
            metadata.put("epoch", 3);
            assertThat(metadata.get("epoch", 0)).isEqualTo(3);
        }
    }
}
