package io.chorus.paxos;

import io.chorus.api.spi.Zxid;

/**
 * Slots are numbered 1, 2, 3, ... and each is given the zxid the data tree, sessions and the log see: the
 * counter runs through {@link Zxid#COUNTER_MAX} and then the epoch part goes up by one with the counter back at
 * 1, so consecutive slots always have consecutive zxids in the sense the server's recovery checks. The zxid
 * depends on the slot alone, never on the ballot that chose it: a value chosen in a slot has the same zxid on
 * every replica whichever leader finally got it chosen.
 */
final class SlotZxids {
    private SlotZxids() {
    }

    static long zxid(long slot) {
        if (slot < 0) {
            throw new IllegalArgumentException("negative slot " + slot);
        }
        if (slot == 0) {
            return 0;
        }
        return Zxid.of((slot - 1) / Zxid.COUNTER_MAX, (slot - 1) % Zxid.COUNTER_MAX + 1);
    }

    static long slot(long zxid) {
        if (zxid == 0) {
            return 0;
        }
        long counter = Zxid.counter(zxid);
        if (counter == 0) {
            throw new IllegalArgumentException("zxid " + Zxid.toString(zxid) + " is not a paxos-lite slot");
        }
        return Zxid.epoch(zxid) * Zxid.COUNTER_MAX + counter;
    }
}
