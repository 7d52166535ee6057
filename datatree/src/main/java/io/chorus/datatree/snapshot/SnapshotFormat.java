package io.chorus.datatree.snapshot;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Constants of the snapshot format, version 3: the preamble (magic, version, the snapshot's zxid, so
 * every error can name the snapshot), then chunks each holding up to {@link #CHUNK_RAW_BYTES_MAX} of
 * the record stream compressed with deflate (see {@link ChunkedOutputStream}). The record stream is the
 * header (zxid, digest, node count, session count), then ACL definitions and node batches in pre-order,
 * the end-of-nodes tag, the sessions and the end tag. A node batch ({@link #TAG_NODES}) holds up to
 * {@link #BATCH_NODES_MAX} nodes as columns, one after the other: depths, names ({@link SiblingNames}),
 * czxids, ctimes, the rest of the stats ({@link StatCodec}), ACL indexes, data lengths plus one (0 for
 * null), then the data of every node in order, in chunks of their own (see {@link ChunkedOutputStream}).
 * Columns keep alike values together, where deflate squeezes them to a byte or less a node, and keep
 * the data apart, where incompressible data is stored as it is without costing a compressor's search. The header, ACL definitions and sessions are
 * fixed-width. Version 2 wrote each node's fields and data together and version 1 had uncompressed
 * chunks; this build refuses both.
 */
final class SnapshotFormat {
    static final byte[] MAGIC = "CHORUSDT".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 3;
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
    /** A data chunk deflating to more than this fraction of its size counts as incompressible. */
    static final double INCOMPRESSIBLE_RATIO = 0.9;
    /** Data chunks stored as they are after one found incompressible, before deflate is tried again. */
    static final int DATA_CHUNKS_STORED_AFTER_PROBE = 15;

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

    /** Most nodes in one batch: enough for long runs in each column, few enough to buffer. */
    static final int BATCH_NODES_MAX = 1024;

    static final byte TAG_ACL = 1;
    static final byte TAG_NODES = 2;
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
