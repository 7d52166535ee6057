package io.chorus.server.node;

import io.chorus.api.spi.Leadership;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Answers ZooKeeper's four-letter words from values the driver publishes (never by asking the driver
 * thread: this runs on a Netty event loop). {@code ruok} and {@code srvr} as ZooKeeper words them,
 * {@code srvr} with its {@code Zxid:} and {@code Mode:} lines.
 */
public final class FourLetterWords {
    public static final String VERSION = "chorus-0.1.0 (ZooKeeper 3.9 client protocol)";

    private final Supplier<Leadership> leadership;
    private final LongSupplier lastZxid;
    private final IntSupplier nodeCount;
    private final IntSupplier connections;

    public FourLetterWords(Supplier<Leadership> leadership, LongSupplier lastZxid, IntSupplier nodeCount,
            IntSupplier connections) {
        this.leadership = leadership;
        this.lastZxid = lastZxid;
        this.nodeCount = nodeCount;
        this.connections = connections;
    }

    /** The answer to {@code word}, or null when it is not a command this server knows. */
    public String answer(String word) {
        return switch (word) {
            case "ruok" -> "imok";
            case "srvr" -> srvr();
            case "isro" -> "rw";
            default -> null;
        };
    }

    private String srvr() {
        return "Zookeeper version: " + VERSION + "\n"
                + "Connections: " + connections.getAsInt() + "\n"
                + "Zxid: 0x" + Long.toHexString(lastZxid.getAsLong()) + "\n"
                + "Mode: " + mode(leadership.get()) + "\n"
                + "Node count: " + nodeCount.getAsInt() + "\n";
    }

    private static String mode(Leadership l) {
        return switch (l.role()) {
            case STANDALONE -> "standalone";
            case LEADER -> "leader";
            case FOLLOWER -> "follower";
            case LOOKING -> "looking";
        };
    }
}
