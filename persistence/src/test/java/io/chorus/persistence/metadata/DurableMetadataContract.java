package io.chorus.persistence.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.spi.DurableMetadata;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link DurableMetadata} must do; each implementation's test extends this once. */
abstract class DurableMetadataContract {
    @TempDir
    Path dir;

    private DurableMetadata metadata;

    /** Opens the metadata kept in {@code dir}: new the first time, afterwards what a restarted node finds. */
    protected abstract DurableMetadata openMetadata(Path dir) throws IOException;

    @BeforeEach
    void open() throws IOException {
        metadata = openMetadata(dir);
    }

    @AfterEach
    void close() throws IOException {
        metadata.close();
    }

    private DurableMetadata reopen() throws IOException {
        metadata.close();
        metadata = openMetadata(dir);
        return metadata;
    }

    @Test
    void anAbsentKeyGivesTheDefault() throws IOException {
        assertThat(metadata.get("zab.acceptedEpoch", -1)).isEqualTo(-1);
    }

    @Test
    void putValuesSurviveReopenAndOverwrite() throws IOException {
        metadata.put("zab.acceptedEpoch", 3);
        metadata.put("zab.currentEpoch", Long.MIN_VALUE);
        metadata.put("zab.acceptedEpoch", 4);
        DurableMetadata reopened = reopen();
        assertThat(reopened.get("zab.acceptedEpoch", -1)).isEqualTo(4);
        assertThat(reopened.get("zab.currentEpoch", -1)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void keysMustBeShortAndNonEmpty() throws IOException {
        String longest = "k".repeat(MetadataKeys.KEY_CHARS_MAX);
        metadata.put(longest, 1);
        assertThat(metadata.get(longest, 0)).isEqualTo(1);
        assertThatThrownBy(() -> metadata.put(longest + "k", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 characters");
        assertThatThrownBy(() -> metadata.put("", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metadata.get(null, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedStoreRefusesUse() throws IOException {
        metadata.close();
        assertThatThrownBy(() -> metadata.put("a", 1)).isInstanceOf(IllegalStateException.class);
    }
}
