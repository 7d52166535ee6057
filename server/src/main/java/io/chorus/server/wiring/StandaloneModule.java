package io.chorus.server.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.chorus.api.spi.ConsensusProtocol;
import io.chorus.server.standalone.StandaloneProtocol;

/** Binds the consensus protocol of an ensemble of one. {@code ZabModule} will bind Zab in its place. */
public final class StandaloneModule extends AbstractModule {
    /** A standalone node's id; session ids carry it in their top byte. */
    public static final int SERVER_ID = 1;

    @Provides
    @Singleton
    ConsensusProtocol protocol() {
        return new StandaloneProtocol(SERVER_ID);
    }
}
