package io.chorus.server.peer;

import static io.chorus.server.peer.PeerTestSupport.awaitConnected;
import static io.chorus.server.peer.PeerTestSupport.ensemble;
import static io.chorus.server.peer.PeerTestSupport.eventually;
import static io.chorus.server.peer.PeerTestSupport.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.PeerCodec;
import io.chorus.api.spi.PeerMessage;
import io.chorus.server.config.PeerAddress;
import io.chorus.zab.ZabMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Messages sent between two flushes wait, counted against the send-queue bound, and go out at the flush in the
 * order sent, however many there are (many frames in one buffer); flushes
 * after it do the same.
 */
class BatchedFlushTest {
    @Test
    void whatIsSentBetweenFlushesGoesOutAtTheFlushInOrder() throws Exception {
        List<PeerAddress> ensemble = ensemble(2);
        PeerTestSupport.Recorder one = new PeerTestSupport.Recorder();
        PeerTestSupport.Recorder two = new PeerTestSupport.Recorder();
        try (PeerTransport t1 = start(1, ensemble, PeerTestSupport.FAST_RECONNECT, one);
                PeerTransport t2 = start(2, ensemble, PeerTestSupport.FAST_RECONNECT, two)) {
            awaitConnected(t1, 2);
            List<PeerMessage> sent = new ArrayList<>();
            for (int flush = 0; flush < 3; flush++) {
                for (int i = 0; i < 500; i++) {
                    ZabMessage.Ping ping = new ZabMessage.Ping(flush, i, 0);
                    sent.add(ping);
                    t1.send(2, ping);
                }
                assertThat(t1.queuedBytes(2, PeerCodec.Channel.QUORUM))
                        .as("500 frames wait for the flush").isGreaterThan(4 << 10);
                t1.flush();
            }

            eventually().until(() -> two.from(1).size() == sent.size());
            assertThat(two.from(1)).containsExactlyElementsOf(sent);
            eventually().until(() -> t1.queuedBytes(2, PeerCodec.Channel.QUORUM) == 0);
            assertThat(t1.messagesDropped()).isZero();
        }
    }

    @Test
    void aFlushWithNothingSentSendsNothing() throws Exception {
        List<PeerAddress> ensemble = ensemble(2);
        PeerTestSupport.Recorder one = new PeerTestSupport.Recorder();
        PeerTestSupport.Recorder two = new PeerTestSupport.Recorder();
        try (PeerTransport t1 = start(1, ensemble, PeerTestSupport.FAST_RECONNECT, one);
                PeerTransport t2 = start(2, ensemble, PeerTestSupport.FAST_RECONNECT, two)) {
            awaitConnected(t1, 2);
            t1.flush();
            ZabMessage.Ping ping = new ZabMessage.Ping(1, 1, 0);
            t1.send(2, ping);
            t1.flush();
            t1.flush();
            eventually().until(() -> two.from(1).size() == 1);
            assertThat(two.from(1)).containsExactly(ping);
        }
    }
}
