package io.chorus.client;

import io.chorus.api.NodeData;
import java.util.Objects;

/**
 * A getData's answer with the zxid of the state it was served from: the reply header's zxid, which is the
 * serving server's last applied zxid for a local read, and the leader's for one the leader served. For
 * staleness measurements: how many committed writes the returned state is behind.
 */
public record ServedRead(NodeData data, long servedZxid) {
    public ServedRead {
        Objects.requireNonNull(data, "data");
    }
}
