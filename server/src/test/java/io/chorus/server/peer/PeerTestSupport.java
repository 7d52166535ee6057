package io.chorus.server.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chorus.api.spi.PeerCodec;
import io.chorus.api.spi.PeerMessage;
import io.chorus.server.config.PeerAddress;
import io.chorus.zab.ZabPeerCodec;
import io.netty.util.ResourceLeakDetector;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.awaitility.core.ConditionFactory;

/** Ensembles on loopback, a recording listener and raw-socket helpers for the peer transport's tests. */
final class PeerTestSupport {
    static final String HOST = "127.0.0.1";
    static final Duration WAIT_MAX = Duration.ofSeconds(30);
    static final PeerTransportLimits FAST_RECONNECT = PeerTransportLimits.defaults()
            .withReconnect(Duration.ofMillis(20), Duration.ofMillis(200));

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    private PeerTestSupport() {
    }

    static ConditionFactory eventually() {
        return await().atMost(WAIT_MAX).pollInterval(Duration.ofMillis(10));
    }

    /** A free port on loopback, found by binding port 0 and closing it. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Members 1..size on loopback with free quorum and election ports. */
    static List<PeerAddress> ensemble(int size) {
        List<PeerAddress> members = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            members.add(new PeerAddress(id, HOST, freePort(), freePort(), -1));
        }
        return members;
    }

    static PeerTransport start(int id, List<PeerAddress> ensemble, PeerTransportLimits limits, Recorder recorder)
            throws IOException {
        PeerTransport transport = new PeerTransport(id, ensemble, ZabPeerCodec.INSTANCE, limits, recorder);
        transport.start();
        return transport;
    }

    static void awaitConnected(PeerTransport transport, int peer) {
        eventually().untilAsserted(() -> {
            for (PeerCodec.Channel channel : PeerCodec.Channel.values()) {
                assertThat(transport.connected(peer, channel)).as("%s to %s", channel, peer).isTrue();
            }
        });
    }

    static PeerAddress member(List<PeerAddress> ensemble, int id) {
        return ensemble.stream().filter(p -> p.id() == id).findFirst().orElseThrow();
    }

    static int port(PeerAddress address, PeerCodec.Channel channel) {
        return channel == PeerCodec.Channel.QUORUM ? address.quorumPort() : address.electionPort();
    }

    /** A raw socket to {@code to}'s port for {@code channel}. */
    static Socket rawSocket(PeerAddress to, PeerCodec.Channel channel) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(HOST, port(to, channel)), 5_000);
        socket.setSoTimeout((int) WAIT_MAX.toMillis());
        return socket;
    }

    /** Sends {@code hello} and returns the answer the transport sent back. */
    static Handshake.Answer handshake(Socket socket, Handshake.Hello hello) throws IOException {
        socket.getOutputStream().write(hello.toBytes());
        socket.getOutputStream().flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        assertThat(in.readInt()).isEqualTo(Handshake.MAGIC);
        assertThat(in.readShort()).isEqualTo(Handshake.WIRE_VERSION);
        return Handshake.Answer.ofCode(in.readByte());
    }

    /** Reads until the transport closes the socket (end of stream or a reset); fails after the socket timeout. */
    static void assertClosedByPeer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            byte[] discard = new byte[64 << 10];
            while (in.read(discard) != -1) {
                // discard anything sent before the close
            }
        } catch (SocketException reset) {
            // a reset is a close too
        }
    }

    /** Records what a transport hears. */
    static final class Recorder implements PeerTransport.PeerListener {
        record Received(int from, PeerMessage message) {
        }

        record Change(int peer, PeerCodec.Channel channel, boolean up) {
        }

        final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Change> changes = new ConcurrentLinkedQueue<>();

        @Override
        public void received(int from, PeerMessage message) {
            received.add(new Received(from, message));
        }

        @Override
        public void connectionChanged(int peer, PeerCodec.Channel channel, boolean up) {
            changes.add(new Change(peer, channel, up));
        }

        List<PeerMessage> from(int peer) {
            return received.stream().filter(r -> r.from() == peer).map(Received::message).toList();
        }

        List<Boolean> changesOf(int peer, PeerCodec.Channel channel) {
            return changes.stream().filter(c -> c.peer() == peer && c.channel() == channel).map(Change::up).toList();
        }
    }
}
