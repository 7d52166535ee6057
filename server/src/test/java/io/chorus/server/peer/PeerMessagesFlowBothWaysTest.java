package io.chorus.server.peer;

import static io.chorus.server.peer.PeerTestSupport.awaitConnected;
import static io.chorus.server.peer.PeerTestSupport.ensemble;
import static io.chorus.server.peer.PeerTestSupport.eventually;
import static io.chorus.server.peer.PeerTestSupport.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.spi.PeerMessage;
import io.chorus.server.config.PeerAddress;
import io.chorus.server.peer.PeerTestSupport.Recorder;
import io.chorus.zab.ZabMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PeerMessagesFlowBothWaysTest {
    private static final int SERVERS = 3;
    private final List<PeerAddress> ensemble = ensemble(SERVERS);
    private final Map<Integer, PeerTransport> transports = new HashMap<>();
    private final Map<Integer, Recorder> recorders = new HashMap<>();

    @BeforeEach
    void startEnsemble() throws Exception {
        for (int id = 1; id <= SERVERS; id++) {
            recorders.put(id, new Recorder());
            transports.put(id, start(id, ensemble, PeerTransportLimits.defaults(), recorders.get(id)));
        }
        for (int id = 1; id <= SERVERS; id++) {
            for (int peer = 1; peer <= SERVERS; peer++) {
                if (peer != id) {
                    awaitConnected(transports.get(id), peer);
                }
            }
        }
    }

    @AfterEach
    void closeEnsemble() {
        transports.values().forEach(PeerTransport::close);
    }

    @Test
    void everyPairExchangesMessagesOnBothChannels() {
        for (int from = 1; from <= SERVERS; from++) {
            for (int to = 1; to <= SERVERS; to++) {
                if (from != to) {
                    transports.get(from).send(to, new ZabMessage.Notification(from, to, 1, 2,
                            ZabMessage.PeerState.LOOKING));
                    transports.get(from).send(to, new ZabMessage.Ping(from, to, 0));
                }
            }
            transports.get(from).flush();
        }
        for (int to = 1; to <= SERVERS; to++) {
            Recorder recorder = recorders.get(to);
            for (int from = 1; from <= SERVERS; from++) {
                if (from != to) {
                    int sender = from;
                    int receiver = to;
                    eventually().untilAsserted(() -> assertThat(recorder.from(sender)).containsExactlyInAnyOrder(
                            new ZabMessage.Notification(sender, receiver, 1, 2, ZabMessage.PeerState.LOOKING),
                            new ZabMessage.Ping(sender, receiver, 0)));
                }
            }
        }
        assertThat(transports.get(1).messagesDropped()).isZero();
    }

    /** Each sender thread's messages to a peer arrive in the order it sent them, whatever other threads send. */
    @Test
    void concurrentSendersKeepPerPairFifoOrder() throws Exception {
        int threadsPerPair = 2;
        int messagesPerThread = 5_000;
        ExecutorService senders = Executors.newFixedThreadPool(SERVERS * (SERVERS - 1) * threadsPerPair);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int from = 1; from <= SERVERS; from++) {
                for (int to = 1; to <= SERVERS; to++) {
                    for (int thread = 0; thread < threadsPerPair && from != to; thread++) {
                        PeerTransport transport = transports.get(from);
                        int receiver = to;
                        long tag = thread;
                        done.add(senders.submit(() -> {
                            for (int seq = 0; seq < messagesPerThread; seq++) {
                                transport.send(receiver, new ZabMessage.Ping(tag, seq, 0));
                                if (seq % 64 == 63) {
                                    transport.flush();
                                }
                            }
                            transport.flush();
                        }));
                    }
                }
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            senders.shutdownNow();
        }
        for (int to = 1; to <= SERVERS; to++) {
            Recorder recorder = recorders.get(to);
            for (int from = 1; from <= SERVERS; from++) {
                if (from == to) {
                    continue;
                }
                int sender = from;
                eventually().until(() -> recorder.from(sender).size() == threadsPerPair * messagesPerThread);
                long[] next = new long[threadsPerPair];
                for (PeerMessage message : recorder.from(sender)) {
                    ZabMessage.Ping ping = (ZabMessage.Ping) message;
                    assertThat(ping.commitZxid()).as("from %d, thread %d", sender, ping.epoch())
                            .isEqualTo(next[(int) ping.epoch()]++);
                }
            }
        }
        transports.values().forEach(t -> assertThat(t.messagesDropped()).isZero());
    }

    @Test
    void sendingToItselfOrAStrangerIsRefused() {
        assertThatThrownBy(() -> transports.get(1).send(1, new ZabMessage.Ping(1, 1, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> transports.get(1).send(42, new ZabMessage.Ping(1, 1, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
