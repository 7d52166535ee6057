package io.chorus.server.node;

import io.chorus.api.spi.Leadership;
import io.chorus.persistence.snapshot.StoredSnapshotSize;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Answers ZooKeeper's four-letter words from values the driver and the snapshot store publish (never by
 * asking the driver thread or waiting for a lock: this runs on a Netty event loop). {@code ruok} and
 * {@code srvr} as ZooKeeper words them, {@code srvr} with its {@code Zxid:} and {@code Mode:} lines;
 * {@code mntr} as ZooKeeper prints it, one {@code key<TAB>value} line each, ZooKeeper's keys first and
 * Chorus's own after them with a {@code chorus_} prefix (the tree digest, the epoch and the leader's id among them,
 * so that tools and tests can compare servers).
 */
public final class FourLetterWords {
    public static final String VERSION = "chorus-0.1.0 (ZooKeeper 3.9 client protocol)";

    private final NodeStatus status;
    private final IntSupplier connections;
    private final Supplier<Optional<StoredSnapshotSize>> newestSnapshot;

    /** {@code newestSnapshot} must answer at once: it is asked on the event loop. */
    public FourLetterWords(NodeStatus status, IntSupplier connections,
            Supplier<Optional<StoredSnapshotSize>> newestSnapshot) {
        this.status = status;
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
                + "Zxid: 0x" + Long.toHexString(status.lastAppliedZxid()) + "\n"
                + "Mode: " + mode(status.leadership()) + "\n"
                + "Node count: " + status.nodeCount() + "\n";
    }

    /**
     * Numbers in decimal, as ZooKeeper prints them, so monitoring that parses its output parses this.
     * The snapshot lines are left out while there is no snapshot.
     */
    private String mntr() {
        StringBuilder out = new StringBuilder();
        line(out, "zk_version", VERSION);
        Leadership leadership = status.leadership();
        line(out, "zk_server_state", mode(leadership));
        line(out, "zk_num_alive_connections", connections.getAsInt());
        line(out, "zk_znode_count", status.nodeCount());
        line(out, "chorus_last_applied_zxid", status.lastAppliedZxid());
        line(out, "chorus_tree_digest", status.treeDigest());
        line(out, "chorus_epoch", leadership.epoch());
        line(out, "chorus_leader_id", leadership.leaderId());
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
