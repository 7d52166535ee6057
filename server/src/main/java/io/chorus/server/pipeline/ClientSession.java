package io.chorus.server.pipeline;

import io.chorus.api.Id;
import io.chorus.server.net.ClientConnection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A session as this server sees it: its connection (null while the client is away), the identities it
 * has authenticated as, and its FIFO queue of requests not yet answered. Driver thread only.
 */
final class ClientSession {
    final long sessionId;
    ClientConnection connection;
    int timeoutMillis;
    final List<Id> authIds = new ArrayList<>();
    final ArrayDeque<PendingRequest> queue = new ArrayDeque<>();

    ClientSession(long sessionId, int timeoutMillis) {
        this.sessionId = sessionId;
        this.timeoutMillis = timeoutMillis;
    }
}
