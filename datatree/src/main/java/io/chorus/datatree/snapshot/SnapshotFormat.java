package io.chorus.datatree.snapshot;

import java.nio.charset.StandardCharsets;

/** Constants of the snapshot format, version 1. */
final class SnapshotFormat {
    static final byte[] MAGIC = "CHORUSDT".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;

    /** The writer cuts chunks at this payload size; a larger length field means corruption. */
    static final int CHUNK_PAYLOAD_BYTES_MAX = 64 * 1024;
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
}
