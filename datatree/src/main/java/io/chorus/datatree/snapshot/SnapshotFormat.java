package io.chorus.datatree.snapshot;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Constants of the snapshot format, version 2: the preamble (magic, version, the snapshot's zxid, so
 * every error can name the snapshot), then chunks each holding up to {@link #CHUNK_RAW_BYTES_MAX} of
 * the record stream compressed with deflate (see {@link ChunkedOutputStream}). In the records, a
 * node's depth, name length, ACL index and data length are varints and its stat is delta-encoded
 * ({@link StatCodec}); the header, ACL definitions and sessions are fixed-width. Version 1 had
 * fixed-width node records in uncompressed chunks and no zxid in the preamble; this build refuses it.
 */
final class SnapshotFormat {
    static final byte[] MAGIC = "CHORUSDT".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 2;
    /** Magic, version and zxid. */
    static final int PREAMBLE_BYTES = MAGIC.length + Integer.BYTES + Long.BYTES;

    /**
     * The writer cuts the record stream into chunks of this many bytes before compressing each: large
     * enough that deflate's 32 KiB window is warm for most of a chunk, small enough that a 1M-node
     * snapshot has hundreds of chunks to decode in parallel.
     */
    static final int CHUNK_RAW_BYTES_MAX = 256 * 1024;
    /**
     * The most compressed bytes one chunk may hold: deflate's worst case for incompressible input is a
     * few bytes per 16 KiB stored block, far below this margin. A larger length field means corruption.
     */
    static final int CHUNK_STORED_BYTES_MAX = CHUNK_RAW_BYTES_MAX + CHUNK_RAW_BYTES_MAX / 64;
    /** Deflate's fastest level: snapshots are written while the node serves, so CPU matters more than ratio. */
    static final int DEFLATE_LEVEL = Deflater.BEST_SPEED;

    /** Most threads a reader decodes chunks on (by default as many as the machine has cores, up to this). */
    static final int DECODE_THREADS_MAX = 4;
    /** Chunks read ahead and decoding per decode thread: bounds a reader's memory to a few MiB. */
    static final int CHUNKS_IN_FLIGHT_PER_THREAD = 2;

    /** Largest node data a snapshot holds (ZooKeeper's own default limit is 1 MiB - 1). */
    static final int NODE_DATA_BYTES_MAX = 256 * 1024 * 1024;
    /** Largest encoded node name. */
    static final int NAME_BYTES_MAX = 16 * 1024 * 1024;
    /** Largest scheme or id string in an ACL. */
    static final int ACL_STRING_BYTES_MAX = 1024 * 1024;
    /** Most entries in one ACL list. */
    static final int ACL_ENTRIES_MAX = 64 * 1024;
    /** Largest session password. */
    static final int PASSWORD_BYTES_MAX = 4096;

    static final byte TAG_ACL = 1;
    static final byte TAG_NODE = 2;
    static final byte TAG_END_OF_NODES = 3;
    static final byte TAG_END = 4;

    private SnapshotFormat() {
    }

    static void writePreamble(OutputStream out, long zxid) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.write(MAGIC);
        data.writeInt(VERSION);
        data.writeLong(zxid);
        data.flush();
    }

    /** How errors name a snapshot: by its zxid, as the stores and logs do. */
    static String name(long zxid) {
        return "snapshot 0x" + Long.toHexString(zxid);
    }

    /** The decode threads a reader uses on this machine. */
    static int decodeThreads() {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), DECODE_THREADS_MAX));
    }
}
