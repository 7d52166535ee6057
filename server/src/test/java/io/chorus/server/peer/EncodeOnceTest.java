package io.chorus.server.peer;

import static io.chorus.server.peer.PeerTestSupport.awaitConnected;
import static io.chorus.server.peer.PeerTestSupport.ensemble;
import static io.chorus.server.peer.PeerTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.PeerCodec;
import io.chorus.api.spi.PeerMessage;
import io.chorus.server.config.PeerAddress;
import io.chorus.zab.ZabMessage;
import io.chorus.zab.ZabPeerCodec;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A message a leader sends to every follower in turn is encoded once, and each follower gets it whole. */
class EncodeOnceTest {
    private final AtomicInteger encodes = new AtomicInteger();
    private final PeerCodec counting = new PeerCodec() {
        @Override
        public byte[] encode(PeerMessage message) {
            encodes.incrementAndGet();
            return ZabPeerCodec.INSTANCE.encode(message);
        }

        @Override
        public PeerMessage decode(byte[] frame) throws IOException {
            return ZabPeerCodec.INSTANCE.decode(frame);
        }

        @Override
        public Channel channelOf(PeerMessage message) {
            return ZabPeerCodec.INSTANCE.channelOf(message);
        }
    };

    @Test
    void theSameMessageToSeveralPeersIsEncodedOnce() throws Exception {
        List<PeerAddress> ensemble = ensemble(3);
        PeerTestSupport.Recorder one = new PeerTestSupport.Recorder();
        PeerTestSupport.Recorder two = new PeerTestSupport.Recorder();
        PeerTestSupport.Recorder three = new PeerTestSupport.Recorder();
        try (PeerTransport t1 = start(1, ensemble, one); PeerTransport t2 = start(2, ensemble, two);
                PeerTransport t3 = start(3, ensemble, three)) {
            awaitConnected(t1, 2);
            awaitConnected(t1, 3);
            ZabMessage proposal = new ZabMessage.Proposal(new LogEntry(7, new byte[] {1, 2, 3}));
            ZabMessage commit = new ZabMessage.Commit(1, 7);
            encodes.set(0);
            t1.send(2, proposal);
            t1.send(3, proposal);
            t1.send(2, commit);
            t1.send(3, commit);
            t1.flush();
            assertThat(encodes).hasValue(2);
            eventually().until(() -> two.from(1).size() == 2 && three.from(1).size() == 2);
            for (PeerTestSupport.Recorder follower : List.of(two, three)) {
                ZabMessage.Proposal arrived = (ZabMessage.Proposal) follower.from(1).get(0);
                assertThat(arrived.entry().zxid()).isEqualTo(7);
                assertThat(arrived.entry().payload()).containsExactly(1, 2, 3);
                assertThat(follower.from(1).get(1)).isEqualTo(commit);
            }
        }
    }

    private PeerTransport start(int id, List<PeerAddress> ensemble, PeerTestSupport.Recorder recorder)
            throws IOException {
        PeerTransport transport = new PeerTransport(id, ensemble, counting, PeerTestSupport.FAST_RECONNECT, recorder);
        transport.start();
        return transport;
    }
}
