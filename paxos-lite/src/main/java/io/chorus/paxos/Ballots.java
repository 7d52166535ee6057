package io.chorus.paxos;

/**
 * Ballot numbers: a round above a member's index, {@code round << 16 | index}, so that two servers never
 * lead with the same ballot and comparing ballots as numbers compares rounds first. 0 is no ballot.
 */
final class Ballots {
    static final int MEMBERS_MAX = 1 << 16;
    private static final int INDEX_BITS = 16;

    private Ballots() {
    }

    static long of(long round, int memberIndex) {
        if (round < 1 || memberIndex < 0 || memberIndex >= MEMBERS_MAX) {
            throw new IllegalArgumentException("ballot round " + round + " of member " + memberIndex);
        }
        return round << INDEX_BITS | memberIndex;
    }

    static long round(long ballot) {
        return ballot >>> INDEX_BITS;
    }

    static int memberIndex(long ballot) {
        return (int) (ballot & (MEMBERS_MAX - 1));
    }

    static String toString(long ballot) {
        return ballot == 0 ? "none" : round(ballot) + "." + memberIndex(ballot);
    }
}
