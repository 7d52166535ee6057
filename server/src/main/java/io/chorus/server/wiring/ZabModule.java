package io.chorus.server.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.chorus.api.spi.ConsensusProtocol;
import io.chorus.api.spi.PeerCodec;
import io.chorus.api.spi.RandomSource;
import io.chorus.server.config.EnsembleConfig;
import io.chorus.zab.ZabPeerCodec;
import io.chorus.zab.ZabProtocol;
import io.chorus.zab.ZabSettings;

/** Binds Zab as the ensemble's consensus protocol, with its timing from the configuration. */
public final class ZabModule extends AbstractModule {
    private final ProtocolContext context;

    public ZabModule(ProtocolContext context) {
        this.context = context;
    }

    @Provides
    @Singleton
    ConsensusProtocol protocol() {
        EnsembleConfig ensemble = context.config().ensemble();
        ZabSettings defaults = ZabSettings.defaults();
        ZabSettings settings = new ZabSettings(context.config().tickTimeMillis(), ensemble.initLimitTicks(),
                ensemble.syncLimitTicks(), ensemble.electionFinalizeWaitMillis(), defaults.maxDiffEntries(),
                defaults.retainedEntries()).withLeaderReads(context.config().linearizableReads(),
                context.config().leaseClockDriftMillis());
        return new ZabProtocol(ensemble.myId(), ensemble.ids(), context.metadata(), new LogThreadHistory(context.log()),
                context.snapshots(), RandomSource.secure(), settings);
    }

    @Provides
    PeerCodec codec() {
        return ZabPeerCodec.INSTANCE;
    }
}
