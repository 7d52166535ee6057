package io.chorus.server.pipeline;

import io.chorus.api.Id;
import io.chorus.api.ReadConsistency;
import io.chorus.server.net.ClientChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A session as this server sees it: its connection (null while the client is away), the identities it
 * has authenticated as, and its FIFO queue of requests not yet answered. Driver thread only.
 */
final class ClientSession {
    final long sessionId;
    ClientChannel connection;
    int timeoutMillis;
    /** The consistency of this session's reads that name none: the server's default until the client sets it. */
    ReadConsistency readConsistency = ReadConsistency.LOCAL;
    final List<Id> authIds = new ArrayList<>();
    final ArrayDeque<PendingRequest> queue = new ArrayDeque<>();
    /**
     * Writes proposed for a connection that is gone: they still apply (first, since a session's writes
     * apply in order), but nobody is left to answer, and their cxids may repeat on a new connection.
     */
    int orphanedWrites;

    /** Drops the queue of a connection that went away, remembering its writes still in flight. */
    void dropQueue() {
        for (PendingRequest p : queue) {
            if (p.isProposedWrite() && !p.isAnswered()) {
                orphanedWrites++;
            }
        }
        queue.clear();
    }

    ClientSession(long sessionId, int timeoutMillis) {
        this.sessionId = sessionId;
        this.timeoutMillis = timeoutMillis;
    }
}
