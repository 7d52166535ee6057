package io.chorus.server.peer;

import static io.chorus.server.peer.PeerTestSupport.awaitConnected;
import static io.chorus.server.peer.PeerTestSupport.ensemble;
import static io.chorus.server.peer.PeerTestSupport.eventually;
import static io.chorus.server.peer.PeerTestSupport.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.PeerCodec;
import io.chorus.api.spi.PeerMessage;
import io.chorus.api.spi.StateSnapshot;
import io.chorus.server.config.PeerAddress;
import io.chorus.zab.ZabMessage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A message larger than a chunk (a state snapshot for a follower far behind) travels as chunk frames, arrives
 * whole and in order with the small messages around it, and is not cut off by the send-queue bound, which is for
 * small messages piling up.
 */
class ChunkedMessageTest {
    @Test
    void aSnapshotLargerThanTheSendQueueBoundArrivesWholeAndInOrder() throws Exception {
        List<PeerAddress> ensemble = ensemble(2);
        PeerTransportLimits limits = PeerTestSupport.FAST_RECONNECT.withSendQueueBytesMax(256 << 10);
        PeerTestSupport.Recorder one = new PeerTestSupport.Recorder();
        PeerTestSupport.Recorder two = new PeerTestSupport.Recorder();
        try (PeerTransport t1 = start(1, ensemble, limits, one); PeerTransport t2 = start(2, ensemble, limits, two)) {
            awaitConnected(t1, 2);
            byte[] state = new byte[5 * PeerFrames.CHUNK_BYTES + 12_345];
            new Random(7).nextBytes(state);
            ZabMessage before = new ZabMessage.Ping(3, 1, 0);
            ZabMessage.Snap snap = new ZabMessage.Snap(3, new StateSnapshot(42, state),
                    List.of(new LogEntry(43, new byte[] {1})));
            ZabMessage after = new ZabMessage.NewLeader(3, 43);
            t1.send(2, before);
            t1.send(2, snap);
            t1.send(2, after);
            t1.flush();

            eventually().until(() -> two.from(1).size() == 3);
            List<PeerMessage> received = two.from(1);
            assertThat(received.get(0)).isEqualTo(before);
            ZabMessage.Snap arrived = (ZabMessage.Snap) received.get(1);
            assertThat(arrived.snapshot().zxid()).isEqualTo(42);
            assertThat(arrived.snapshot().bytes()).isEqualTo(state);
            assertThat(arrived.entries()).hasSize(1);
            assertThat(received.get(2)).isEqualTo(after);
            assertThat(t1.connected(2, PeerCodec.Channel.QUORUM)).isTrue();
            assertThat(t1.messagesDropped()).isZero();
        }
    }

    @Test
    void aChunkedMessageAboveTheMessageBoundClosesTheConnectionAndNothingArrives() throws Exception {
        List<PeerAddress> ensemble = ensemble(2);
        PeerTestSupport.Recorder one = new PeerTestSupport.Recorder();
        PeerTestSupport.Recorder two = new PeerTestSupport.Recorder();
        PeerTransportLimits sender = PeerTestSupport.FAST_RECONNECT;
        PeerTransportLimits receiver = PeerTestSupport.FAST_RECONNECT.withFrameBytesMax(2 * PeerFrames.CHUNK_BYTES);
        try (PeerTransport t1 = start(1, ensemble, sender, one); PeerTransport t2 = start(2, ensemble, receiver, two)) {
            awaitConnected(t1, 2);
            t1.send(2, new ZabMessage.Snap(3, new StateSnapshot(42, new byte[3 * PeerFrames.CHUNK_BYTES]), List.of()));
            t1.flush();
            eventually().until(() -> one.changesOf(2, PeerCodec.Channel.QUORUM).contains(false));
            assertThat(two.from(1)).isEmpty();
        }
    }
}
