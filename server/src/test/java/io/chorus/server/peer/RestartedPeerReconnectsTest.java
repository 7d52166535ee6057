package io.chorus.server.peer;

import static io.chorus.server.peer.PeerTestSupport.FAST_RECONNECT;
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
import org.junit.jupiter.api.Test;

class RestartedPeerReconnectsTest {
    /** Server 2 restarts on the same ports: 1 (which dials it) and 3 (which it dials) both get it back. */
    @Test
    void survivorsReconnectToAPeerRestartedOnTheSamePorts() throws Exception {
        List<PeerAddress> ensemble = ensemble(3);
        Recorder one = new Recorder();
        Recorder three = new Recorder();
        Recorder restarted = new Recorder();
        try (PeerTransport t1 = start(1, ensemble, FAST_RECONNECT, one);
                PeerTransport t3 = start(3, ensemble, FAST_RECONNECT, three)) {
            try (PeerTransport t2 = start(2, ensemble, FAST_RECONNECT, new Recorder())) {
                awaitConnected(t1, 2);
                awaitConnected(t3, 2);
            }
            eventually().untilAsserted(() -> {
                for (PeerCodec.Channel channel : PeerCodec.Channel.values()) {
                    assertThat(t1.connected(2, channel)).isFalse();
                    assertThat(t3.connected(2, channel)).isFalse();
                }
            });
            try (PeerTransport t2 = start(2, ensemble, FAST_RECONNECT, restarted)) {
                awaitConnected(t1, 2);
                awaitConnected(t3, 2);
                awaitConnected(t2, 1);
                awaitConnected(t2, 3);
                for (PeerCodec.Channel channel : PeerCodec.Channel.values()) {
                    assertThat(one.changesOf(2, channel)).containsExactly(true, false, true);
                    assertThat(three.changesOf(2, channel)).containsExactly(true, false, true);
                }
                t1.send(2, new ZabMessage.Ping(1, 1, 0));
                t1.flush();
                t3.send(2, new ZabMessage.Ping(3, 3, 0));
                t3.flush();
                t2.send(1, new ZabMessage.PingReply(2, 0));
                t2.send(3, new ZabMessage.PingReply(2, 0));
                t2.flush();
                eventually().untilAsserted(() -> {
                    assertThat(restarted.from(1)).containsExactly(new ZabMessage.Ping(1, 1, 0));
                    assertThat(restarted.from(3)).containsExactly(new ZabMessage.Ping(3, 3, 0));
                    assertThat(one.from(2)).containsExactly(new ZabMessage.PingReply(2, 0));
                    assertThat(three.from(2)).containsExactly(new ZabMessage.PingReply(2, 0));
                });
            }
        }
    }
}
