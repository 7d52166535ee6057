package io.chorus.server.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.chorus.api.spi.ConsensusProtocol;
import io.chorus.api.spi.PeerCodec;
import io.chorus.api.spi.RandomSource;
import io.chorus.paxos.PaxosLiteProtocol;
import io.chorus.paxos.PaxosPeerCodec;
import io.chorus.paxos.PaxosSettings;
import io.chorus.server.config.EnsembleConfig;

/**
 * Binds paxos-lite (Multi-Paxos) as the ensemble's consensus protocol. Its election timeout is the ensemble's
 * syncLimit, the silence after which a Zab follower gives up on its leader too, so the two compare on equal terms.
 */
public final class PaxosLiteModule extends AbstractModule {
    private final ProtocolContext context;

    public PaxosLiteModule(ProtocolContext context) {
        this.context = context;
    }

    @Provides
    @Singleton
    ConsensusProtocol protocol() {
        EnsembleConfig ensemble = context.config().ensemble();
        PaxosSettings defaults = PaxosSettings.defaults();
        PaxosSettings settings = new PaxosSettings(context.config().tickTimeMillis(), ensemble.syncLimitTicks(),
                defaults.maxCatchUpEntries(), defaults.retainedEntries()).withLeaderReads(
                context.config().linearizableReads(), context.config().leaseClockDriftMillis());
        // election backoff needs no secrecy: a seeded generator, not a SecureRandom call per timeout
        return new PaxosLiteProtocol(ensemble.myId(), ensemble.ids(), context.metadata(),
                new LogThreadHistory(context.log()), context.snapshots(),
                RandomSource.seeded(RandomSource.secure().nextLong()), settings);
    }

    @Provides
    PeerCodec codec() {
        return PaxosPeerCodec.INSTANCE;
    }
}
