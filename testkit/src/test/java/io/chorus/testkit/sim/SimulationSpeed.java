package io.chorus.testkit.sim;

/**
 * Measures real time per simulated second (run by hand, not a test: principle 6 keeps timings out of unit
 * tests). Usage: {@code java -cp <test classpath> io.chorus.testkit.sim.SimulationSpeed [seeds] [nodes] [preset]}.
 */
public final class SimulationSpeed {
    private SimulationSpeed() {
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        FaultPreset preset = args.length > 2 ? FaultPreset.valueOf(args[2]) : FaultPreset.NONE;
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up
            long started = System.nanoTime();
            long committed = 0;
            long simulatedMillis = 0;
            long delivered = 0;
            for (long seed = 0; seed < seeds; seed++) {
                Simulation sim = ToyCluster.builder(seed, nodes).faults(preset).build();
                ToyCluster.busyWorkload(sim, 1); // a proposal every simulated millisecond
                sim.run(10_000, 5_000); // the preset's faults for 10 s, then healed until every node commits a marker
                simulatedMillis += sim.now();
                committed += sim.node(1).committedCount();
                delivered += sim.network().delivered();
            }
            double realMillis = (System.nanoTime() - started) / 1e6;
            System.out.printf("round %d: %d seeds x %d nodes (%s), 10 simulated s of faults each: %.0f ms real, "
                    + "%.2f ms real per simulated second, %d entries committed at node 1, %d messages delivered%n",
                    round, seeds, nodes, preset, realMillis, realMillis / (simulatedMillis / 1000.0), committed,
                    delivered);
        }
    }
}
