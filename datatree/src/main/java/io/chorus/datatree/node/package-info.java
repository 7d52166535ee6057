/**
 * The replicated tree itself: compact {@link io.chorus.datatree.node.Node}s (name and data in one
 * array, stat as primitives, an interned ACL, children in an open-addressing table keyed by name), and
 * the {@link io.chorus.datatree.node.NodeStore} that looks paths up, applies validated changes, keeps
 * the running digest and the owner indexes, and copies nodes on write while a snapshot is open.
 * Knows nothing of transactions or validation. Depends on the api module and the codec and acl
 * packages.
 */
package io.chorus.datatree.node;
