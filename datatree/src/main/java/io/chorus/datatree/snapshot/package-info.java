/**
 * The snapshot format: a preamble (magic, version, zxid), then chunks of the record stream, each
 * compressed with deflate and CRC-checked on its own so a reader inflates them in parallel. The records
 * carry the header (last zxid, digest, counts), the nodes in pre-order with children sorted by name (so
 * equal trees give byte-identical snapshots) with varint lengths and delta-encoded stats, interned ACLs,
 * and the sessions. Reading verifies every chunk, the structure, the node count and the recomputed
 * digest, and reports any mismatch as an IOException naming the snapshot and saying what is wrong.
 * Depends on the node, acl and codec packages and java.util.zip.
 */
package io.chorus.datatree.snapshot;
