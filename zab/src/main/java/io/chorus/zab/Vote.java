package io.chorus.zab;

/** A vote in fast leader election, ordered by (epoch, last zxid, server id): the greater vote wins. */
record Vote(int leader, long zxid, long epoch) implements Comparable<Vote> {
    @Override
    public int compareTo(Vote other) {
        int byEpoch = Long.compare(epoch, other.epoch);
        if (byEpoch != 0) {
            return byEpoch;
        }
        int byZxid = Long.compare(zxid, other.zxid);
        return byZxid != 0 ? byZxid : Integer.compare(leader, other.leader);
    }

    boolean beats(Vote other) {
        return compareTo(other) > 0;
    }
}
