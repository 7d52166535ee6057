package io.chorus.server.conformance;

import org.apache.zookeeper.data.Stat;

/**
 * The part of a Stat two different servers must agree on after the same operations: counters and lengths
 * exactly, the owner by kind (not by session id, which each server picks), and zxids only by their relations
 * (each server numbers its own transactions; times come from each server's clock).
 *
 * @param owner                      "none", "this session" or "session 0x..." (another session)
 * @param dataChangedSinceCreate     mzxid differs from czxid
 * @param childrenChangedSinceCreate pzxid differs from czxid
 */
record StatShape(int version, int cversion, int aversion, int dataLength, int numChildren, String owner,
        boolean dataChangedSinceCreate, boolean childrenChangedSinceCreate) {

    static StatShape of(Stat stat, long sessionId) {
        return new StatShape(stat.getVersion(), stat.getCversion(), stat.getAversion(), stat.getDataLength(),
                stat.getNumChildren(), ownerOf(stat.getEphemeralOwner(), sessionId),
                stat.getMzxid() != stat.getCzxid(), stat.getPzxid() != stat.getCzxid());
    }

    private static String ownerOf(long ephemeralOwner, long sessionId) {
        if (ephemeralOwner == 0) {
            return "none";
        }
        return ephemeralOwner == sessionId ? "this session" : "session 0x" + Long.toHexString(ephemeralOwner);
    }
}
