package io.chorus.server.cluster;

import io.chorus.server.config.EnsembleConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The ports of a local ensemble, all derived from one base port {@code P}. Node {@code i} (1-based) gets
 * <ul>
 *   <li>client port {@code P + i - 1},</li>
 *   <li>quorum port {@code P + 1000 + i - 1},</li>
 *   <li>election port {@code P + 2000 + i - 1}.</li>
 * </ul>
 * With at most {@link #NODES_MAX} (255, the largest server id) nodes the three ranges never overlap, so no
 * two ports collide; the highest port, {@code P + 2000 + nodes - 1}, must be at most 65535.
 *
 * @param basePort the first client port
 * @param nodes    how many nodes, 1..{@link #NODES_MAX}
 */
public record ClusterPorts(int basePort, int nodes) {
    public static final int NODES_MAX = EnsembleConfig.ID_MAX;
    public static final int QUORUM_OFFSET = 1000;
    public static final int ELECTION_OFFSET = 2000;
    public static final int PORT_MAX = 65535;

    public ClusterPorts {
        if (nodes < 1 || nodes > NODES_MAX) {
            throw new IllegalArgumentException("nodes must be 1.." + NODES_MAX + ", not " + nodes);
        }
        if (basePort < 1 || basePort > basePortMax(nodes)) {
            throw new IllegalArgumentException("base port must be 1.." + basePortMax(nodes) + " for " + nodes
                    + " nodes (node ports run up to base + " + ELECTION_OFFSET + " + nodes - 1), not " + basePort);
        }
    }

    /** The largest base port that leaves room for every node's election port. */
    public static int basePortMax(int nodes) {
        return PORT_MAX - ELECTION_OFFSET - (nodes - 1);
    }

    public int clientPort(int node) {
        return basePort + index(node);
    }

    public int quorumPort(int node) {
        return basePort + QUORUM_OFFSET + index(node);
    }

    public int electionPort(int node) {
        return basePort + ELECTION_OFFSET + index(node);
    }

    /** Every port of every node: client ports, then quorum ports, then election ports. */
    public List<Integer> all() {
        List<Integer> ports = new ArrayList<>(3 * nodes);
        for (int node = 1; node <= nodes; node++) {
            ports.add(clientPort(node));
        }
        for (int node = 1; node <= nodes; node++) {
            ports.add(quorumPort(node));
        }
        for (int node = 1; node <= nodes; node++) {
            ports.add(electionPort(node));
        }
        return ports;
    }

    private int index(int node) {
        if (node < 1 || node > nodes) {
            throw new IllegalArgumentException("node must be 1.." + nodes + ", not " + node);
        }
        return node - 1;
    }
}
