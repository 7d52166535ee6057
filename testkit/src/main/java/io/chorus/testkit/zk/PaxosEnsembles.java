package io.chorus.testkit.zk;

import io.chorus.api.spi.LogHistory;
import io.chorus.api.spi.PeerCodec;
import io.chorus.paxos.PaxosLiteProtocol;
import io.chorus.paxos.PaxosPeerCodec;
import io.chorus.paxos.PaxosSettings;
import io.chorus.paxos.PlantedFault;
import io.chorus.testkit.sim.ProtocolFactory;
import io.chorus.testkit.sim.Simulation;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * How a simulation runs paxos-lite: one {@link PaxosLiteProtocol} per node incarnation over the node's surviving
 * log and metadata, on links that keep order without duplicates (the TCP connections it runs over in a server;
 * messages may still be lost or delayed, and links cut and healed).
 */
public final class PaxosEnsembles {
    /** A follower more than this many entries behind gets a snapshot, in one seed of three. */
    static final int SMALL_CATCH_UP_ENTRIES_MAX = 8;

    private PaxosEnsembles() {
    }

    public static ProtocolFactory protocol(PaxosSettings settings, Set<PlantedFault> plantedFaults) {
        return ctx -> new PaxosLiteProtocol(ctx.serverId(), ctx.ensemble(), ctx.metadata(),
                LogHistory.over(ctx.log(), ctx::logCoversAfter), ctx.stateSnapshots(), ctx.random(), settings)
                .withPlantedFaults(plantedFaults);
    }

    public static UnaryOperator<Simulation.Builder> network(PaxosSettings settings) {
        return builder -> builder.fifoLinks().noDuplicates().tickMillis(settings.tickMillis())
                .channels(message -> PaxosPeerCodec.INSTANCE.channelOf(message).ordinal(),
                        PeerCodec.Channel.QUORUM.ordinal());
    }

    /** Runs one seed; one seed in three keeps catch-ups short, so that catch-up by snapshot is searched too. */
    public static SeedRun.Verdict run(long seed, SeedRun.Settings settings, Set<PlantedFault> plantedFaults) {
        PaxosSettings defaults = PaxosSettings.defaults();
        PaxosSettings paxos = Math.floorMod(seed, 3) != 0 ? defaults
                : new PaxosSettings(defaults.tickMillis(), defaults.electionTimeout(), SMALL_CATCH_UP_ENTRIES_MAX,
                        defaults.retainedEntries());
        paxos = paxos.withLeaderReads(settings.leaderReads(), SeedRun.LEASE_DRIFT_MILLIS);
        return SeedRun.run(seed, settings, protocol(paxos, plantedFaults), network(paxos));
    }
}
