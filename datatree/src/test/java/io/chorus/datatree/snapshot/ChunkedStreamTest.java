package io.chorus.datatree.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkedStreamTest {
    @Test
    void bytesRoundTripAcrossChunkBoundaries() throws IOException {
        byte[] payload = new byte[SnapshotFormat.CHUNK_PAYLOAD_BYTES_MAX * 2 + 17];
        new Random(7).nextBytes(payload);
        byte[] framed = frame(payload);

        ChunkedInputStream in = new ChunkedInputStream(new ByteArrayInputStream(framed));
        byte[] back = in.readAllBytes();
        assertThat(back).isEqualTo(payload);
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void aSwappedChunkIsDetectedByItsNumber() throws IOException {
        byte[] payload = new byte[SnapshotFormat.CHUNK_PAYLOAD_BYTES_MAX * 2];
        byte[] framed = frame(payload);
        int chunkBytes = 4 + SnapshotFormat.CHUNK_PAYLOAD_BYTES_MAX + 4;
        byte[] swapped = framed.clone();
        System.arraycopy(framed, chunkBytes, swapped, 0, chunkBytes);
        System.arraycopy(framed, 0, swapped, chunkBytes, chunkBytes);
        assertThatThrownBy(() -> new ChunkedInputStream(new ByteArrayInputStream(swapped)).readAllBytes())
                .hasMessageContaining("checksum mismatch in chunk 0");
    }

    @Test
    void oversizedChunkLengthIsRejectedBeforeReading() {
        byte[] framed = ByteBuffer.allocate(8).putInt(SnapshotFormat.CHUNK_PAYLOAD_BYTES_MAX + 1).array();
        assertThatThrownBy(() -> new ChunkedInputStream(new ByteArrayInputStream(framed)).read())
                .hasMessageContaining("claims " + (SnapshotFormat.CHUNK_PAYLOAD_BYTES_MAX + 1));
    }

    @Test
    void missingTerminalChunkIsTruncation() throws IOException {
        byte[] framed = frame(new byte[] {1, 2, 3});
        byte[] cut = Arrays.copyOf(framed, framed.length - 8);
        assertThatThrownBy(() -> new ChunkedInputStream(new ByteArrayInputStream(cut)).readAllBytes())
                .hasMessageContaining("truncated");
    }

    @Test
    void dataAfterTheEndRecordIsReported() throws IOException {
        ChunkedInputStream in = new ChunkedInputStream(new ByteArrayInputStream(frame(new byte[] {1, 2})));
        assertThat(in.read()).isEqualTo(1);
        assertThatThrownBy(in::expectEnd).hasMessageContaining("data after the end record");
    }

    @Test
    void finishedStreamRefusesMoreDataRatherThanDroppingIt() throws IOException {
        ChunkedOutputStream out = new ChunkedOutputStream(new ByteArrayOutputStream());
        out.finish();
        out.finish();
        assertThatThrownBy(() -> out.write(1)).hasMessageContaining("already finished");
        assertThatThrownBy(() -> out.write(new byte[3], 0, 3)).hasMessageContaining("already finished");
    }

    private static byte[] frame(byte[] payload) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ChunkedOutputStream out = new ChunkedOutputStream(sink);
        out.write(payload);
        out.finish();
        return sink.toByteArray();
    }
}
