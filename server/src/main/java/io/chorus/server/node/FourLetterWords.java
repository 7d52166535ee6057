package io.chorus.server.node;

import io.chorus.api.spi.Leadership;
import io.chorus.persistence.snapshot.StoredSnapshotSize;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Answers ZooKeeper's four-letter words from values the driver and the snapshot store publish (never by
 * asking the driver thread or waiting for a lock: this runs on a Netty event loop). {@code ruok} and
 * {@code srvr} as ZooKeeper words them, {@code srvr} with its {@code Zxid:} and {@code Mode:} lines;
 * {@code mntr} as ZooKeeper prints it, one {@code key<TAB>value} line each, ZooKeeper's keys first and
 * Chorus's own after them with a {@code chorus_} prefix.
 */
public final class FourLetterWords {
    public static final String VERSION = "chorus-0.1.0 (ZooKeeper 3.9 client protocol)";

    private final Supplier<Leadership> leadership;
    private final LongSupplier lastZxid;
    private final IntSupplier nodeCount;
    private final IntSupplier connections;
    private final Supplier<Optional<StoredSnapshotSize>> newestSnapshot;

    /** {@code newestSnapshot} must answer at once: it is asked on the event loop. */
    public FourLetterWords(Supplier<Leadership> leadership, LongSupplier lastZxid, IntSupplier nodeCount,
            IntSupplier connections, Supplier<Optional<StoredSnapshotSize>> newestSnapshot) {
        this.leadership = leadership;
        this.lastZxid = lastZxid;
        this.nodeCount = nodeCount;
        this.connections = connections;
        this.newestSnapshot = newestSnapshot;
    }

    /** The answer to {@code word}, or null when it is not a command this server knows. */
    public String answer(String word) {
        return switch (word) {
            case "ruok" -> "imok";
            case "srvr" -> srvr();
            case "mntr" -> mntr();
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

    /**
     * Numbers in decimal, as ZooKeeper prints them, so monitoring that parses its output parses this.
     * The snapshot lines are left out while there is no snapshot.
     */
    private String mntr() {
        StringBuilder out = new StringBuilder();
        line(out, "zk_version", VERSION);
        line(out, "zk_server_state", mode(leadership.get()));
        line(out, "zk_num_alive_connections", connections.getAsInt());
        line(out, "zk_znode_count", nodeCount.getAsInt());
        line(out, "chorus_last_applied_zxid", lastZxid.getAsLong());
        newestSnapshot.get().ifPresent(snapshot -> {
            line(out, "chorus_last_snapshot_zxid", snapshot.zxid());
            line(out, "chorus_last_snapshot_bytes", snapshot.streamBytes());
        });
        return out.toString();
    }

    private static void line(StringBuilder out, String key, Object value) {
        out.append(key).append('\t').append(value).append('\n');
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
