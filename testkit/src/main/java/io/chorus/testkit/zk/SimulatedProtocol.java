package io.chorus.testkit.zk;

import io.chorus.testkit.sim.FaultPreset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The consensus modules the simulator runs, by the name configuration uses for them. Each runs a seed over the
 * same data tree, clients and checkers, and names its planted bugs; a new module is one more constant here.
 */
public enum SimulatedProtocol {
    ZAB("zab") {
        @Override
        public SeedRun.Verdict run(long seed, SeedRun.Settings settings, Set<String> plantedBugs) {
            return ZabEnsembles.run(seed, settings, plantedBugs.stream().map(io.chorus.zab.PlantedFault::valueOf)
                    .collect(Collectors.toSet()));
        }

        @Override
        public List<String> plantedBugs() {
            return Arrays.stream(io.chorus.zab.PlantedFault.values()).map(Enum::name).toList();
        }
    },
    PAXOS_LITE("paxos-lite") {
        @Override
        public SeedRun.Verdict run(long seed, SeedRun.Settings settings, Set<String> plantedBugs) {
            return PaxosEnsembles.run(seed, settings, plantedBugs.stream().map(io.chorus.paxos.PlantedFault::valueOf)
                    .collect(Collectors.toSet()));
        }

        @Override
        public List<String> plantedBugs() {
            return Arrays.stream(io.chorus.paxos.PlantedFault.values()).map(Enum::name).toList();
        }

        /**
         * A forgotten promise matters only when a server crashes between promising a ballot and accepting that
         * leader's values, and an older leader reaches it before the newer one does: heavy faults crash often
         * enough to find it.
         */
        @Override
        public FaultPreset faultsToFind(String plantedBug) {
            return plantedBug.equals(io.chorus.paxos.PlantedFault.FORGET_PROMISE.name()) ? FaultPreset.HEAVY
                    : FaultPreset.DEFAULT;
        }
    };

    private final String configName;

    SimulatedProtocol(String configName) {
        this.configName = configName;
    }

    /** Runs one seed with these planted bugs (names from {@link #plantedBugs()}) switched on. */
    public abstract SeedRun.Verdict run(long seed, SeedRun.Settings settings, Set<String> plantedBugs);

    public abstract List<String> plantedBugs();

    /** The fault preset a search for {@code plantedBug} runs under unless told otherwise. */
    public FaultPreset faultsToFind(String plantedBug) {
        return FaultPreset.DEFAULT;
    }

    /** The name in {@code protocol=} and {@code --protocol}. */
    public String configName() {
        return configName;
    }

    /** The protocol configured as {@code name}. */
    public static SimulatedProtocol named(String name) {
        for (SimulatedProtocol protocol : values()) {
            if (protocol.configName.equals(name.toLowerCase(Locale.ROOT))) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("unknown protocol " + name + " (known: "
                + Arrays.stream(values()).map(SimulatedProtocol::configName).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return configName;
    }
}
