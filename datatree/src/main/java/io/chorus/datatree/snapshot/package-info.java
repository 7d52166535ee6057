/**
 * The snapshot format: a magic and version, then CRC-checked chunks carrying the header (last zxid,
 * digest, counts), the nodes in pre-order with children sorted by name (so equal trees give
 * byte-identical snapshots), interned ACLs, and the sessions. Reading verifies every chunk, the
 * structure, the node count and the recomputed digest, and reports any mismatch as an IOException
 * saying what is wrong. Depends on the node, acl and codec packages.
 */
package io.chorus.datatree.snapshot;
