/**
 * The deterministic simulator: a whole ensemble in one thread, from one seed. {@link
 * io.chorus.testkit.sim.Simulation} builds nodes ({@link io.chorus.testkit.sim.SimNode}) that drive any
 * {@link io.chorus.api.spi.ConsensusProtocol} as the server's driver does, over a {@link
 * io.chorus.testkit.sim.SimNetwork} (delay, loss, duplication, partitions), {@link
 * io.chorus.testkit.sim.SimDisk}s (unsynced appends lost on crash) and a virtual clock; a {@link
 * io.chorus.testkit.sim.FaultSchedule} drawn from the seed injects faults, and {@link
 * io.chorus.testkit.sim.SimHistory} records what checkers read.
 */
package io.chorus.testkit.sim;
