package io.chorus.testkit.zk;

import io.chorus.api.spi.PeerCodec;
import io.chorus.testkit.sim.ProtocolFactory;
import io.chorus.testkit.sim.Simulation;
import io.chorus.api.spi.LogHistory;
import io.chorus.zab.PlantedFault;
import io.chorus.zab.ZabPeerCodec;
import io.chorus.zab.ZabProtocol;
import io.chorus.zab.ZabSettings;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * How a simulation runs Zab: one {@link ZabProtocol} per node incarnation over the node's surviving log
 * and metadata, and links that keep order without duplicates, as the TCP connections Zab runs over do
 * (messages may still be lost or delayed, and links cut and healed).
 */
public final class ZabEnsembles {
    private ZabEnsembles() {
    }

    public static ProtocolFactory protocol(ZabSettings settings, Set<PlantedFault> plantedFaults) {
        return ctx -> new ZabProtocol(ctx.serverId(), ctx.ensemble(), ctx.metadata(),
                LogHistory.over(ctx.log(), ctx::logCoversAfter), ctx.stateSnapshots(), ctx.random(), settings)
                .withPlantedFaults(plantedFaults);
    }

    public static UnaryOperator<Simulation.Builder> network(ZabSettings settings) {
        return builder -> builder.fifoLinks().noDuplicates().tickMillis(settings.tickMillis())
                .channels(message -> ZabPeerCodec.INSTANCE.channelOf(message).ordinal(),
                        PeerCodec.Channel.QUORUM.ordinal());
    }

    /** A follower more than this many entries behind gets a snapshot, in one seed of three. */
    static final int SMALL_DIFF_ENTRIES_MAX = 8;

    /**
     * Runs one seed of Zab with these settings and planted faults. One seed in three lets DIFFs be only a few
     * entries long, so that synchronisation by snapshot (and its capture in the background) is searched as often
     * as DIFF and TRUNC are.
     */
    public static SeedRun.Verdict run(long seed, SeedRun.Settings settings, Set<PlantedFault> plantedFaults) {
        ZabSettings defaults = ZabSettings.defaults();
        ZabSettings zab = Math.floorMod(seed, 3) != 0 ? defaults
                : new ZabSettings(defaults.tickMillis(), defaults.initLimit(), defaults.syncLimit(),
                        defaults.finalizeWaitMillis(), SMALL_DIFF_ENTRIES_MAX, defaults.retainedEntries());
        zab = zab.withLeaderReads(settings.leaderReads(), SeedRun.LEASE_DRIFT_MILLIS);
        return SeedRun.run(seed, settings, protocol(zab, plantedFaults), network(zab));
    }
}
