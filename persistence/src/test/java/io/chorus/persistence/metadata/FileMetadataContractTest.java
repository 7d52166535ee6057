package io.chorus.persistence.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.spi.DurableMetadata;
import io.chorus.persistence.DataDirectory;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMetadataContractTest extends DurableMetadataContract {
    @Override
    protected DurableMetadata openMetadata(Path dir) throws IOException {
        return FileMetadata.open(dir.resolve("meta").resolve(FileMetadata.FILE_NAME));
    }

    @Test
    void aPutTornByACrashLeavesTheValuesBeforeIt(@TempDir Path other) throws IOException {
        Path file = other.resolve(FileMetadata.FILE_NAME);
        long tornSlotOffset;
        try (FileMetadata metadata = FileMetadata.open(file)) {
            metadata.put("zab.acceptedEpoch", 7); // sequence 2: slot 0
            metadata.put("zab.acceptedEpoch", 8); // sequence 3: slot 1, the newest
            tornSlotOffset = FileMetadata.SLOT_BYTES;
        }
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(tornSlotOffset + 30);
            raw.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}); // what a crash half-way through the write would leave
        }
        try (FileMetadata metadata = FileMetadata.open(file)) {
            assertThat(metadata.get("zab.acceptedEpoch", -1)).isEqualTo(7);
            metadata.put("zab.acceptedEpoch", 9); // goes over the damaged slot
        }
        try (FileMetadata metadata = FileMetadata.open(file)) {
            assertThat(metadata.get("zab.acceptedEpoch", -1)).isEqualTo(9);
        }
    }

    @Test
    void aFileWithNoIntactSlotIsRefusedNamingItNeverReadAsEmpty(@TempDir Path other) throws IOException {
        Path file = other.resolve(FileMetadata.FILE_NAME);
        try (FileMetadata metadata = FileMetadata.open(file)) {
            metadata.put("zab.currentEpoch", 3);
        }
        byte[] garbage = new byte[2 * FileMetadata.SLOT_BYTES];
        java.util.Arrays.fill(garbage, (byte) 0x5a);
        Files.write(file, garbage);
        assertThatThrownBy(() -> FileMetadata.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("no intact slot");
        Files.write(file, new byte[100]);
        assertThatThrownBy(() -> FileMetadata.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("100 bytes");
    }

    @Test
    void valuesThatNoLongerFitASlotAreRefusedAndNothingChanges(@TempDir Path other) throws IOException {
        Path file = other.resolve(FileMetadata.FILE_NAME);
        try (FileMetadata metadata = FileMetadata.open(file)) {
            int stored = 0;
            IOException refused = null;
            for (int i = 0; i < 100 && refused == null; i++) {
                try {
                    metadata.put(i + "k".repeat(250), i);
                    stored++;
                } catch (IOException e) {
                    refused = e;
                }
            }
            assertThat(refused).isNotNull().hasMessageContaining("no longer fit");
            assertThat(metadata.all()).hasSize(stored);
        }
        try (FileMetadata reopened = FileMetadata.open(file)) {
            assertThat(reopened.get("0" + "k".repeat(250), -1)).isEqualTo(0);
        }
    }

    @Test
    void aDataDirectoryMovesItsLegacyMapDbValuesIntoTheFileOnce(@TempDir Path data) throws IOException {
        Path legacy = data.resolve(DataDirectory.METADATA).resolve(DataDirectory.LEGACY_METADATA_FILE);
        try (MapDbMetadata old = MapDbMetadata.open(legacy)) {
            old.put("zab.acceptedEpoch", 5);
            old.put("zab.currentEpoch", 4);
        }
        try (DataDirectory dir = DataDirectory.open(data)) {
            assertThat(dir.metadata().all()).isEqualTo(Map.of("zab.acceptedEpoch", 5L, "zab.currentEpoch", 4L));
            dir.metadata().put("zab.acceptedEpoch", 6);
        }
        assertThat(legacy).doesNotExist();
        try (DataDirectory dir = DataDirectory.open(data)) {
            assertThat(dir.metadata().get("zab.acceptedEpoch", -1)).isEqualTo(6);
        }
    }
}
