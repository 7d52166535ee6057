package io.chorus.server.pipeline;

/**
 * Session ids as ZooKeeper makes them: the server id in the top byte and the start time below it,
 * then counting up, so ids stay unique across servers and restarts.
 */
final class SessionIds {
    private long next;

    SessionIds(int serverId, long nowMillis) {
        next = ((nowMillis << 24) >>> 8) | ((long) serverId << 56);
    }

    long next() {
        return next++;
    }
}
