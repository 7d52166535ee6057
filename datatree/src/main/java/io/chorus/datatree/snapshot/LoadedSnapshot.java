package io.chorus.datatree.snapshot;

import io.chorus.datatree.node.NodeStore;
import java.util.List;

/** A verified snapshot: the tree, the sessions (ordered by id) and the last zxid it contains. */
public record LoadedSnapshot(long zxid, NodeStore store, List<StoredSession> sessions) {
}
