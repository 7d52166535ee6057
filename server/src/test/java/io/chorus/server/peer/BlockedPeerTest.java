package io.chorus.server.peer;

import static io.chorus.server.peer.PeerTestSupport.awaitConnected;
import static io.chorus.server.peer.PeerTestSupport.ensemble;
import static io.chorus.server.peer.PeerTestSupport.eventually;
import static io.chorus.server.peer.PeerTestSupport.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.PeerCodec;
import io.chorus.server.config.PeerAddress;
import io.chorus.server.peer.PeerTestSupport.Recorder;
import io.chorus.zab.ZabMessage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlockedPeerTest {
    /** Server 1 blocks 3: frames vanish both ways while connections stay up; after healing they flow again. */
    @Test
    void blockDropsBothWaysAndHealRestoresDelivery() throws Exception {
        List<PeerAddress> ensemble = ensemble(3);
        Recorder one = new Recorder();
        Recorder two = new Recorder();
        Recorder three = new Recorder();
        try (PeerTransport t1 = start(1, ensemble, PeerTransportLimits.defaults(), one);
                PeerTransport t2 = start(2, ensemble, PeerTransportLimits.defaults(), two);
                PeerTransport t3 = start(3, ensemble, PeerTransportLimits.defaults(), three)) {
            awaitConnected(t1, 2);
            awaitConnected(t1, 3);
            awaitConnected(t3, 1);

            t1.block(Set.of(3));
            t1.send(3, new ZabMessage.Ping(1, 100, 0));
            t1.send(2, new ZabMessage.Ping(1, 200, 0));
            t1.flush();
            t3.send(1, new ZabMessage.Ping(3, 100, 0));
            t3.flush();
            // one send dropped at 1, one frame from 3 dropped on arrival at 1
            eventually().until(() -> t1.messagesDropped() == 2);
            eventually().until(() -> two.from(1).size() == 1);
            for (PeerCodec.Channel channel : PeerCodec.Channel.values()) {
                assertThat(t1.connected(3, channel)).isTrue();
                assertThat(t3.connected(1, channel)).isTrue();
            }

            t1.block(Set.of());
            t1.send(3, new ZabMessage.Ping(1, 101, 0));
            t1.flush();
            t3.send(1, new ZabMessage.Ping(3, 101, 0));
            t3.flush();
            // FIFO per connection: had the blocked frames been delivered, they would come first
            eventually().untilAsserted(() -> {
                assertThat(three.from(1)).containsExactly(new ZabMessage.Ping(1, 101, 0));
                assertThat(one.from(3)).containsExactly(new ZabMessage.Ping(3, 101, 0));
            });
            assertThat(two.from(1)).containsExactly(new ZabMessage.Ping(1, 200, 0));
            assertThat(one.changesOf(3, PeerCodec.Channel.QUORUM)).containsExactly(true);
        }
    }
}
