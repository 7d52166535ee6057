package io.chorus.datatree.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The compressed chunk layer alone: framing, bounds, checksums, inflation and the decode pool's lifetime. */
class ChunkedStreamTest {
    private static final String NAME = "snapshot 0x2a";
    private static final int RAW = SnapshotFormat.CHUNK_RAW_BYTES_MAX;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, SnapshotFormat.DECODE_THREADS_MAX})
    void bytesRoundTripAcrossChunkBoundariesOnAnyNumberOfDecodeThreads(int decodeThreads) throws IOException {
        byte[] payload = new byte[RAW * 5 + 17];
        new Random(7).nextBytes(payload);
        Arrays.fill(payload, RAW, 2 * RAW, (byte) 3); // one chunk that compresses well among random ones
        try (ChunkedInputStream in = open(frame(payload), decodeThreads)) {
            assertThat(in.readAllBytes()).isEqualTo(payload);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void decodeThreadsOutsideTheirBoundAreRefused() {
        assertThatThrownBy(() -> open(new byte[0], 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("within 1.." + SnapshotFormat.DECODE_THREADS_MAX);
        assertThatThrownBy(() -> open(new byte[0], SnapshotFormat.DECODE_THREADS_MAX + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void compressibleChunksAreStoredCompressed() throws IOException {
        byte[] payload = new byte[RAW * 3];
        Arrays.fill(payload, (byte) 'x');
        assertThat(frame(payload).length).isLessThan(payload.length / 50);
    }

    @Test
    void dataMarksEndChunksAndDataAfterAnIncompressibleProbeIsStoredUntilTheNextProbe() throws IOException {
        int region = 10_000;
        byte[] random = new byte[region];
        new Random(3).nextBytes(random);
        byte[] compressible = new byte[region];
        Arrays.fill(compressible, (byte) 'x');
        int stored = SnapshotFormat.DATA_CHUNKS_STORED_AFTER_PROBE;
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (ChunkedOutputStream out = new ChunkedOutputStream(sink)) {
            for (int i = 0; i < stored + 3; i++) {
                out.write(compressible, 0, 100); // metadata: always deflated
                expected.write(compressible, 0, 100);
                out.beginData();
                byte[] data = i == 0 ? random : compressible;
                out.write(data);
                expected.write(data);
                out.endData();
            }
            out.finish();
        }
        byte[] framed = sink.toByteArray();
        int[] storedLengths = storedLengths(framed);
        assertThat(storedLengths).hasSize(2 * (stored + 3));
        for (int i = 0; i < stored + 3; i++) {
            assertThat(storedLengths[2 * i]).as("metadata chunk %d", i).isLessThan(50);
        }
        assertThat(storedLengths[1]).as("the random probe").isGreaterThan(region);
        for (int i = 1; i <= stored; i++) {
            assertThat(storedLengths[2 * i + 1]).as("data chunk %d, stored", i).isGreaterThan(region);
        }
        assertThat(storedLengths[2 * (stored + 1) + 1]).as("the next probe").isLessThan(region / 50);
        assertThat(storedLengths[2 * (stored + 2) + 1]).as("compressible, so deflated").isLessThan(region / 50);
        assertThat(readAll(framed)).isEqualTo(expected.toByteArray());
    }

    @Test
    void equalInputGivesEqualBytes() throws IOException {
        byte[] payload = new byte[RAW + 99];
        new Random(11).nextBytes(payload);
        assertThat(frame(payload)).isEqualTo(frame(payload.clone()));
    }

    @Test
    void aFlippedBitInACompressedChunkIsACrcErrorNamingSnapshotAndChunk() throws IOException {
        byte[] payload = new byte[RAW * 2 + 5];
        new Random(3).nextBytes(payload);
        byte[] framed = frame(payload);
        int secondChunkPayload = frameBytes(framed, 0) + 8 + 100;
        framed[secondChunkPayload] ^= 0x40;
        assertThatThrownBy(() -> readAll(framed))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt snapshot 0x2a: checksum mismatch in chunk 1");
    }

    @Test
    void aSwappedChunkIsDetectedByItsNumber() throws IOException {
        byte[] payload = new byte[RAW * 2];
        new Random(5).nextBytes(payload);
        byte[] framed = frame(payload);
        int first = frameBytes(framed, 0);
        int second = frameBytes(framed, first);
        byte[] swapped = new byte[framed.length];
        System.arraycopy(framed, first, swapped, 0, second);
        System.arraycopy(framed, 0, swapped, second, first);
        System.arraycopy(framed, first + second, swapped, first + second, framed.length - first - second);
        assertThatThrownBy(() -> readAll(swapped)).hasMessageContaining("checksum mismatch in chunk 0");
    }

    @Test
    void rawOrStoredLengthsBeyondTheirBoundsAreRejectedBeforeReading() {
        byte[] rawTooLong = ByteBuffer.allocate(8).putInt(RAW + 1).putInt(10).array();
        assertThatThrownBy(() -> readAll(rawTooLong)).hasMessageContaining("chunk 0 claims " + (RAW + 1) + " bytes");
        int storedMax = SnapshotFormat.CHUNK_STORED_BYTES_MAX;
        byte[] storedTooLong = ByteBuffer.allocate(8).putInt(10).putInt(storedMax + 1).array();
        assertThatThrownBy(() -> readAll(storedTooLong))
                .hasMessageContaining("stored in " + (storedMax + 1));
        byte[] emptyWithStoredBytes = ByteBuffer.allocate(8).putInt(0).putInt(10).array();
        assertThatThrownBy(() -> readAll(emptyWithStoredBytes))
                .hasMessageContaining("chunk 0 claims 0 bytes stored in 10");
    }

    @Test
    void aChunkThatInflatesToOtherThanItsClaimedLengthIsRejected() throws IOException {
        byte[] deflated = deflate(new byte[1000]);
        assertThatThrownBy(() -> readAll(handFramed(999, deflated)))
                .hasMessageContaining("chunk 0 does not inflate to exactly the 999 bytes it claims");
        assertThatThrownBy(() -> readAll(handFramed(1001, deflated)))
                .hasMessageContaining("chunk 0 does not inflate to exactly the 1001 bytes it claims");
    }

    @Test
    void storedBytesThatAreNotDeflateAreRejectedEvenWithAValidCrc() {
        byte[] garbage = new byte[64];
        new Random(9).nextBytes(garbage);
        assertThatThrownBy(() -> readAll(handFramed(500, garbage)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt snapshot 0x2a: chunk 0 does not");
    }

    @Test
    void missingTerminalChunkIsTruncation() throws IOException {
        byte[] framed = frame(new byte[] {1, 2, 3});
        byte[] cut = Arrays.copyOf(framed, framed.length - 12);
        assertThatThrownBy(() -> readAll(cut)).hasMessageContaining("truncated snapshot 0x2a");
    }

    @Test
    void dataAfterTheEndRecordIsReported() throws IOException {
        try (ChunkedInputStream in = open(frame(new byte[] {1, 2}), 2)) {
            assertThat(in.read()).isEqualTo(1);
            assertThatThrownBy(in::expectEnd).hasMessageContaining("data after the end record in chunk 0");
        }
    }

    @Test
    void readingStopsAtTheTerminalChunk() throws IOException {
        byte[] framed = frame(new byte[RAW + 1]);
        byte[] withTail = Arrays.copyOf(framed, framed.length + 5);
        ByteArrayInputStream source = new ByteArrayInputStream(withTail);
        try (ChunkedInputStream in = new ChunkedInputStream(source, NAME, 4)) {
            assertThat(in.readAllBytes()).hasSize(RAW + 1);
        }
        assertThat(source.available()).isEqualTo(5);
    }

    @Test
    void closingStopsTheDecodeThreadsWhetherOrNotEverythingWasRead() throws IOException, InterruptedException {
        byte[] framed = frame(new byte[RAW * 8]);
        ChunkedInputStream partlyRead = open(framed, 3);
        assertThat(partlyRead.read()).isZero();
        partlyRead.close();
        assertThat(partlyRead.decodersTerminated()).isTrue();
        assertThatThrownBy(partlyRead::read).hasMessageContaining("closed");

        ChunkedInputStream failed = open(Arrays.copyOf(framed, 100), 2);
        assertThatThrownBy(failed::readAllBytes).hasMessageContaining("truncated");
        failed.close();
        assertThat(failed.decodersTerminated()).isTrue();
    }

    @Test
    void finishedOrClosedStreamRefusesMoreDataRatherThanDroppingIt() throws IOException {
        ChunkedOutputStream finished = new ChunkedOutputStream(new ByteArrayOutputStream());
        finished.finish();
        finished.finish();
        assertThatThrownBy(() -> finished.write(1)).hasMessageContaining("already finished");
        assertThatThrownBy(() -> finished.write(new byte[3], 0, 3)).hasMessageContaining("already finished");
        finished.close();

        ChunkedOutputStream closed = new ChunkedOutputStream(new ByteArrayOutputStream());
        closed.close();
        assertThatThrownBy(() -> closed.write(1)).hasMessageContaining("already closed");
        assertThatThrownBy(closed::finish).hasMessageContaining("already closed");
    }

    @Test
    void aStreamClosedBeforeFinishingReadsAsTruncated() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ChunkedOutputStream out = new ChunkedOutputStream(sink)) {
            out.write(new byte[RAW + 10]);
        }
        assertThatThrownBy(() -> readAll(sink.toByteArray())).hasMessageContaining("truncated");
    }

    static byte[] frame(byte[] payload) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ChunkedOutputStream out = new ChunkedOutputStream(sink)) {
            out.write(payload);
            out.finish();
        }
        return sink.toByteArray();
    }

    private static ChunkedInputStream open(byte[] framed, int decodeThreads) {
        return new ChunkedInputStream(new ByteArrayInputStream(framed), NAME, decodeThreads);
    }

    private static byte[] readAll(byte[] framed) throws IOException {
        try (ChunkedInputStream in = open(framed, 2)) {
            return in.readAllBytes();
        }
    }

    /** The stored length of every chunk but the terminal one, in order. */
    private static int[] storedLengths(byte[] framed) {
        List<Integer> lengths = new ArrayList<>();
        for (int offset = 0; ByteBuffer.wrap(framed, offset, 4).getInt() != 0; offset += frameBytes(framed, offset)) {
            lengths.add(ByteBuffer.wrap(framed, offset + 4, 4).getInt());
        }
        return lengths.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The length of the frame starting at {@code offset}: both lengths, the stored bytes, the CRC. */
    private static int frameBytes(byte[] framed, int offset) {
        return 4 + 4 + ByteBuffer.wrap(framed, offset + 4, 4).getInt() + 4;
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(SnapshotFormat.DEFLATE_LEVEL);
        try {
            deflater.setInput(raw);
            deflater.finish();
            byte[] out = new byte[raw.length + 64];
            int n = deflater.deflate(out);
            assertThat(deflater.finished()).isTrue();
            return Arrays.copyOf(out, n);
        } finally {
            deflater.end();
        }
    }

    /** Chunk 0 with a correct CRC over whatever it claims, then the terminal chunk. */
    private static byte[] handFramed(int rawLength, byte[] stored) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(sink);
        out.writeInt(rawLength);
        out.writeInt(stored.length);
        out.write(stored);
        out.writeInt(ChunkedOutputStream.checksum(new CRC32C(), 0, rawLength, stored, stored.length));
        out.writeInt(0);
        out.writeInt(0);
        out.writeInt(ChunkedOutputStream.checksum(new CRC32C(), 1, 0, new byte[0], 0));
        return sink.toByteArray();
    }
}
