package io.chorus.bench.load;

import java.util.Locale;
import java.util.random.RandomGenerator;

/** What a load run asks for: the share of reads (getData) against writes (setData), or only creates. */
public enum Workload {
    WRITE(0),
    READ(100),
    /** 90 % reads, 10 % writes: the read-mostly mix coordination services are built for. */
    MIXED(90),
    /** Every request creates a new 'value-bytes' znode; the tree grows for as long as the run lasts. */
    CREATE(-1);

    /** The kind of one request. */
    public enum Request {
        GET_DATA,
        SET_DATA,
        CREATE
    }

    private final int readPercent;

    Workload(int readPercent) {
        this.readPercent = readPercent;
    }

    /** Picks the next request's kind. */
    public Request next(RandomGenerator random) {
        if (this == CREATE) {
            return Request.CREATE;
        }
        return random.nextInt(100) < readPercent ? Request.GET_DATA : Request.SET_DATA;
    }

    /** True when the workload reads or writes the pre-created key space. */
    public boolean usesKeySpace() {
        return this != CREATE;
    }

    /** The name used on the command line and in reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
