package io.chorus.server.peer;

import static io.chorus.server.peer.PeerTestSupport.ensemble;
import static io.chorus.server.peer.PeerTestSupport.eventually;
import static io.chorus.server.peer.PeerTestSupport.handshake;
import static io.chorus.server.peer.PeerTestSupport.member;
import static io.chorus.server.peer.PeerTestSupport.rawSocket;
import static io.chorus.server.peer.PeerTestSupport.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.PeerCodec;
import io.chorus.server.config.PeerAddress;
import io.chorus.server.peer.PeerTestSupport.Recorder;
import io.chorus.zab.ZabMessage;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SlowPeerSendQueueTest {
    private static final long SEND_QUEUE_BYTES_MAX = 256 << 10;
    private static final int PAYLOAD_BYTES = 16 << 10;

    /** A peer that handshakes and then never reads: its connection is closed once the queue bound is hit. */
    @Test
    void aPeerThatStopsReadingLosesItsConnectionAndMemoryStaysBounded() throws Exception {
        List<PeerAddress> ensemble = ensemble(2);
        Recorder recorder = new Recorder();
        PeerTransportLimits limits = PeerTransportLimits.defaults().withSendQueueBytesMax(SEND_QUEUE_BYTES_MAX);
        try (PeerTransport transport = start(2, ensemble, limits, recorder);
                Socket stalled = rawSocket(member(ensemble, 2), PeerCodec.Channel.QUORUM)) {
            Handshake.Hello hello = Handshake.Hello.of(PeerCodec.Channel.QUORUM, 1, 2, Handshake.fingerprint(ensemble));
            assertThat(handshake(stalled, hello)).isEqualTo(Handshake.Answer.ACCEPTED);
            eventually().until(() -> transport.connected(1, PeerCodec.Channel.QUORUM));

            AtomicLong queuedMax = new AtomicLong();
            ZabMessage.Forward big = new ZabMessage.Forward(new byte[PAYLOAD_BYTES]);
            eventually().until(() -> {
                for (int i = 0; i < 64; i++) {
                    transport.send(1, big);
                    queuedMax.accumulateAndGet(transport.queuedBytes(1, PeerCodec.Channel.QUORUM), Math::max);
                }
                transport.flush();
                return !transport.connected(1, PeerCodec.Channel.QUORUM);
            });

            assertThat(queuedMax.get()).isLessThanOrEqualTo(SEND_QUEUE_BYTES_MAX);
            assertThat(recorder.changesOf(1, PeerCodec.Channel.QUORUM)).containsExactly(true, false);
            assertThat(transport.messagesDropped()).isPositive();
            PeerTestSupport.assertClosedByPeer(stalled);
        }
    }
}
