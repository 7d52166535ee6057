package io.chorus.testkit.sim;

import java.util.List;

/** One step of a {@link FaultSchedule}: what happens to the cluster at simulated time {@link #atMillis()}. */
public sealed interface Fault {
    long atMillis();

    void applyTo(Simulation simulation);

    /** Splits the nodes into groups that cannot reach each other. */
    record Partition(long atMillis, List<List<Integer>> groups) implements Fault {
        public Partition {
            groups = groups.stream().map(List::copyOf).toList();
        }

        @Override
        public void applyTo(Simulation simulation) {
            simulation.network().partition(groups);
        }
    }

    /** Cuts one direction of one link: {@code from} can no longer reach {@code to}, the reverse still works. */
    record OneWayCut(long atMillis, int from, int to) implements Fault {
        @Override
        public void applyTo(Simulation simulation) {
            simulation.network().cut(from, to);
        }
    }

    /** Restores every link. */
    record Heal(long atMillis) implements Fault {
        @Override
        public void applyTo(Simulation simulation) {
            simulation.network().heal();
        }
    }

    record Crash(long atMillis, int node) implements Fault {
        @Override
        public void applyTo(Simulation simulation) {
            simulation.crash(node);
        }
    }

    record Restart(long atMillis, int node) implements Fault {
        @Override
        public void applyTo(Simulation simulation) {
            simulation.restartIfDown(node);
        }
    }

    /** A GC-like stall of one node. */
    record Pause(long atMillis, int node, long durationMillis) implements Fault {
        @Override
        public void applyTo(Simulation simulation) {
            simulation.pause(node, durationMillis);
        }
    }

    /** Sets the network's loss and duplication rates (a burst starts, or ends by going back to the base rates). */
    record NetworkRates(long atMillis, double lossRate, double duplicateRate) implements Fault {
        @Override
        public void applyTo(Simulation simulation) {
            simulation.network().setLossRate(lossRate);
            simulation.network().setDuplicateRate(duplicateRate);
        }
    }

    /** The liveness phase begins: the network heals, rates go back to the base, every crashed node restarts. */
    record HealAll(long atMillis) implements Fault {
        @Override
        public void applyTo(Simulation simulation) {
            simulation.healAll();
        }
    }
}
