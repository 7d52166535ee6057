package io.chorus.bench.tree;

import java.util.Locale;

/**
 * What the tree workload's nodes hold. The choice matters to any server that compresses its snapshots:
 * one value repeated a million times compresses to almost nothing, a million random ones not at all.
 */
public enum ValueMode {
    /** Every node holds the same pseudo-random value: the best case for compression. */
    SAME,
    /** Each node holds its own pseudo-random value: incompressible, the worst case. */
    DISTINCT;

    /** The name the command line and the reports use. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code label} ({@code same} or {@code distinct}, any case). */
    public static ValueMode of(String label) {
        for (ValueMode mode : values()) {
            if (mode.name().equalsIgnoreCase(label)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("values must be same or distinct, got '" + label + "'");
    }
}
