package io.chorus.testkit.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * The faults of one seed: during the safety phase, partitions (any split), one-way cuts, heals, crashes with
 * restarts, pauses and loss or duplication bursts at random times; at its end a {@link Fault.HealAll} that
 * starts the liveness phase. Drawn entirely from the random stream it is given, so a seed names its schedule;
 * {@link #toString()} lists it for a failure report.
 */
public final class FaultSchedule {
    /** The longest stall a pause injects: kept well below any sensible liveness bound. */
    public static final long PAUSE_MAX_MILLIS = 1_500;

    private final List<Fault> faults;
    private final long safetyMillis;

    private FaultSchedule(List<Fault> faults, long safetyMillis) {
        this.faults = List.copyOf(faults);
        this.safetyMillis = safetyMillis;
    }

    /** The faults for a safety phase from {@code startMillis} to {@code safetyEndMillis}, then the heal. */
    public static FaultSchedule generate(FaultPreset preset, List<Integer> nodes, long startMillis, long safetyEndMillis,
            SimRandom random) {
        long safetyMillis = safetyEndMillis;
        List<Fault> faults = new ArrayList<>();
        long mean = preset.meanFaultIntervalMillis();
        int maxDown = preset.mayCrashMajority() ? nodes.size() : (nodes.size() - 1) / 2;
        TreeMap<Integer, Long> downUntil = new TreeMap<>();
        long t = startMillis;
        while (mean > 0) {
            t += 1 + (long) (-mean * Math.log(1 - random.nextDouble()));
            if (t >= safetyMillis) {
                break;
            }
            long now = t;
            downUntil.values().removeIf(until -> until <= now);
            switch (random.nextInt(7)) {
                case 0 -> {
                    if (preset.maxPartitionGroups() > 1) {
                        faults.add(new Fault.Partition(t, randomSplit(nodes, preset.maxPartitionGroups(), random)));
                    }
                }
                case 1 -> {
                    int from = nodes.get(random.nextInt(nodes.size()));
                    int to = nodes.get(random.nextInt(nodes.size()));
                    if (from != to) {
                        faults.add(new Fault.OneWayCut(t, from, to));
                    }
                }
                case 2 -> faults.add(new Fault.Heal(t));
                case 3 -> {
                    int node = nodes.get(random.nextInt(nodes.size()));
                    if (!downUntil.containsKey(node) && downUntil.size() < maxDown) {
                        long restartAt = t + random.between(50, 2_000);
                        faults.add(new Fault.Crash(t, node));
                        downUntil.put(node, restartAt);
                        if (restartAt < safetyMillis) {
                            faults.add(new Fault.Restart(restartAt, node));
                        }
                    }
                }
                case 4 -> faults.add(new Fault.Pause(t, nodes.get(random.nextInt(nodes.size())),
                        random.between(50, PAUSE_MAX_MILLIS)));
                case 5 -> burst(faults, t, safetyMillis, random, preset, true);
                default -> burst(faults, t, safetyMillis, random, preset, false);
            }
        }
        faults.add(new Fault.HealAll(safetyMillis));
        // Stable: faults at the same millisecond keep the order they were drawn in.
        faults.sort(Comparator.comparingLong(Fault::atMillis));
        return new FaultSchedule(faults, safetyMillis);
    }

    private static void burst(List<Fault> faults, long t, long safetyMillis, SimRandom random, FaultPreset preset,
            boolean loss) {
        double rate = 0.2 + 0.4 * random.nextDouble();
        long end = t + random.between(100, 1_000);
        faults.add(loss ? new Fault.NetworkRates(t, rate, preset.baseDuplicateRate())
                : new Fault.NetworkRates(t, preset.baseLossRate(), rate));
        if (end < safetyMillis) {
            faults.add(new Fault.NetworkRates(end, preset.baseLossRate(), preset.baseDuplicateRate()));
        }
    }

    /** Each node into one of 2..maxGroups groups at random (a group may end up empty: then it is simply absent). */
    private static List<List<Integer>> randomSplit(List<Integer> nodes, int maxGroups, SimRandom random) {
        int groupCount = 2 + random.nextInt(maxGroups - 1);
        List<List<Integer>> groups = new ArrayList<>();
        for (int i = 0; i < groupCount; i++) {
            groups.add(new ArrayList<>());
        }
        for (int node : nodes) {
            groups.get(random.nextInt(groupCount)).add(node);
        }
        groups.removeIf(List::isEmpty);
        return groups;
    }

    public List<Fault> faults() {
        return faults;
    }

    /** When the safety phase ends and the liveness phase begins. */
    public long safetyMillis() {
        return safetyMillis;
    }

    /** Puts every fault into {@code simulation}'s event queue. */
    public void scheduleOn(Simulation simulation) {
        for (Fault fault : faults) {
            simulation.at(fault.atMillis(), () -> fault.applyTo(simulation));
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("FaultSchedule (safety phase until " + safetyMillis + " ms):");
        for (Fault fault : faults) {
            text.append("\n  ").append(fault);
        }
        return text.toString();
    }
}
