package io.chorus.server.peer;

import static io.chorus.server.peer.PeerTestSupport.assertClosedByPeer;
import static io.chorus.server.peer.PeerTestSupport.awaitConnected;
import static io.chorus.server.peer.PeerTestSupport.ensemble;
import static io.chorus.server.peer.PeerTestSupport.eventually;
import static io.chorus.server.peer.PeerTestSupport.handshake;
import static io.chorus.server.peer.PeerTestSupport.member;
import static io.chorus.server.peer.PeerTestSupport.rawSocket;
import static io.chorus.server.peer.PeerTestSupport.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.PeerCodec;
import io.chorus.server.config.PeerAddress;
import io.chorus.server.peer.Handshake.Answer;
import io.chorus.server.peer.Handshake.Hello;
import io.chorus.server.peer.PeerTestSupport.Recorder;
import io.chorus.zab.ZabMessage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Raw sockets impersonate server 1 (never started) against servers 2 and 3; whatever they send, the transport
 * closes that connection and 2 and 3 keep talking.
 */
class MalformedPeerInputTest {
    private static final PeerCodec.Channel ELECTION = PeerCodec.Channel.ELECTION;
    private final List<PeerAddress> ensemble = ensemble(3);
    private final long fingerprint = Handshake.fingerprint(ensemble);
    private final Recorder two = new Recorder();
    private final Recorder three = new Recorder();
    private PeerTransport t2;
    private PeerTransport t3;

    @BeforeEach
    void startTwoAndThree() throws IOException {
        t2 = start(2, ensemble, PeerTestSupport.FAST_RECONNECT, two);
        t3 = start(3, ensemble, PeerTestSupport.FAST_RECONNECT, three);
        awaitConnected(t2, 3);
        awaitConnected(t3, 2);
    }

    @AfterEach
    void close() {
        t2.close();
        t3.close();
    }

    @Test
    void aBadMagicIsClosedWithoutAnAnswer() throws Exception {
        try (Socket socket = rawSocket(member(ensemble, 3), ELECTION)) {
            byte[] junk = new byte[Handshake.HELLO_BYTES];
            Arrays.fill(junk, (byte) 'x');
            socket.getOutputStream().write(junk);
            try {
                assertThat(socket.getInputStream().read()).as("no answer to a stranger").isEqualTo(-1);
            } catch (SocketException reset) {
                // closed with our bytes unread: also no answer
            }
        }
        assertStillWorking();
    }

    static Stream<Arguments> refusedHellos() {
        long any = 0;
        return Stream.of(
                Arguments.of("wrong version", new Hello(Handshake.MAGIC, (short) 99, (byte) ELECTION.ordinal(), 1, 3,
                        any), Answer.UNSUPPORTED_VERSION),
                Arguments.of("unknown sender", Hello.of(ELECTION, 99, 3, any), Answer.UNKNOWN_SENDER),
                Arguments.of("sender with a higher id", Hello.of(ELECTION, 3, 2, any), Answer.UNKNOWN_SENDER),
                Arguments.of("wrong receiver", Hello.of(ELECTION, 1, 2, any), Answer.WRONG_RECEIVER),
                Arguments.of("wrong channel", Hello.of(PeerCodec.Channel.QUORUM, 1, 3, any), Answer.WRONG_CHANNEL),
                Arguments.of("other ensemble", Hello.of(ELECTION, 1, 3, any), Answer.ENSEMBLE_MISMATCH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedHellos")
    void aBadHelloIsRefusedAndClosed(String problem, Hello hello, Answer expected) throws Exception {
        // the fixture's ensemble has fresh random ports, so fingerprint 0 never matches; the rest carry the real one
        Hello sent = expected == Answer.ENSEMBLE_MISMATCH ? hello : withFingerprint(hello, fingerprint);
        // the "sender with a higher id" case is sent to 2, which must refuse a dial from 3
        PeerAddress target = member(ensemble, sent.toId() == 2 && sent.fromId() == 3 ? 2 : 3);
        try (Socket socket = rawSocket(target, ELECTION)) {
            assertThat(handshake(socket, sent)).as(problem).isEqualTo(expected);
            assertClosedByPeer(socket);
        }
        assertThat(t3.connected(1, ELECTION)).isFalse();
        assertThat(three.changesOf(1, ELECTION)).isEmpty();
        assertStillWorking();
    }

    static Stream<Arguments> badFrames() {
        return Stream.of(
                Arguments.of("length above frameBytesMax", Integer.MAX_VALUE, new byte[0]),
                Arguments.of("negative length", -1, new byte[0]),
                Arguments.of("undecodable frame", 4, new byte[] {0, (byte) 0xff, (byte) 0xff, (byte) 0xff}),
                Arguments.of("frame of unknown kind", 2, new byte[] {9, 0}),
                Arguments.of("frame above a chunk", (1 << 20) + 2, new byte[0]),
                Arguments.of("whole message inside a chunked one", 2,
                        new byte[] {1, 0, /* then */ 0, 0, 0, 2, 0, (byte) 0xff}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFrames")
    void aBadFrameAfterAGoodHandshakeClosesThatConnection(String problem, int length, byte[] body) throws Exception {
        try (Socket socket = rawSocket(member(ensemble, 3), ELECTION)) {
            assertThat(handshake(socket, Hello.of(ELECTION, 1, 3, fingerprint))).isEqualTo(Answer.ACCEPTED);
            eventually().until(() -> t3.connected(1, ELECTION));
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(length);
            out.write(body);
            out.flush();
            assertClosedByPeer(socket);
        }
        eventually().until(() -> !t3.connected(1, ELECTION));
        assertThat(three.changesOf(1, ELECTION)).as(problem).containsExactly(true, false);
        assertThat(three.from(1)).isEmpty();
        assertStillWorking();
    }

    @Test
    void aGoodFrameFromARawPeerIsDelivered() throws Exception {
        try (Socket socket = rawSocket(member(ensemble, 3), ELECTION)) {
            assertThat(handshake(socket, Hello.of(ELECTION, 1, 3, fingerprint))).isEqualTo(Answer.ACCEPTED);
            ZabMessage.Notification vote = new ZabMessage.Notification(1, 7, 1, 1, ZabMessage.PeerState.LOOKING);
            byte[] body = ZabMessageCodecAccess.encode(vote);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(1 + body.length);
            out.writeByte(0); // a whole message
            out.write(body);
            out.flush();
            eventually().untilAsserted(() -> assertThat(three.from(1)).containsExactly(vote));
        }
    }

    @Test
    void aSecondConnectionFromThePeerReplacesTheFirst() throws Exception {
        Hello hello = Hello.of(ELECTION, 1, 3, fingerprint);
        try (Socket first = rawSocket(member(ensemble, 3), ELECTION)) {
            assertThat(handshake(first, hello)).isEqualTo(Answer.ACCEPTED);
            eventually().until(() -> three.changesOf(1, ELECTION).size() == 1);
            try (Socket second = rawSocket(member(ensemble, 3), ELECTION)) {
                assertThat(handshake(second, hello)).isEqualTo(Answer.ACCEPTED);
                assertClosedByPeer(first);
                eventually().untilAsserted(() -> assertThat(three.changesOf(1, ELECTION))
                        .containsExactly(true, false, true));
                assertThat(t3.connected(1, ELECTION)).isTrue();
            }
        }
    }

    private static Hello withFingerprint(Hello hello, long fingerprint) {
        return new Hello(hello.magic(), hello.version(), hello.channelCode(), hello.fromId(), hello.toId(),
                fingerprint);
    }

    private void assertStillWorking() {
        ZabMessage.Ping ping = new ZabMessage.Ping(2, two.received.size(), 0);
        ZabMessage.PingReply reply = new ZabMessage.PingReply(three.received.size(), 0);
        t2.send(3, ping);
        t2.flush();
        t3.send(2, reply);
        t3.flush();
        eventually().untilAsserted(() -> {
            assertThat(three.from(2)).endsWith(ping);
            assertThat(two.from(3)).endsWith(reply);
        });
        for (PeerCodec.Channel channel : PeerCodec.Channel.values()) {
            assertThat(three.changesOf(2, channel)).containsExactly(true);
        }
    }

    /** The codec's bytes for a message, as a real peer would frame them. */
    private static final class ZabMessageCodecAccess {
        static byte[] encode(ZabMessage message) {
            return io.chorus.zab.ZabPeerCodec.INSTANCE.encode(message);
        }
    }
}
