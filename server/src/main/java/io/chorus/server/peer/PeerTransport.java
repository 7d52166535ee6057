package io.chorus.server.peer;

import io.chorus.api.spi.PeerCodec;
import io.chorus.api.spi.PeerMessage;
import io.chorus.server.config.PeerAddress;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries a consensus protocol's messages between the servers of an ensemble over TCP: one connection per pair
 * of servers per {@link PeerCodec.Channel}, dialed by the lower id and accepted by the higher, each opened by a
 * handshake and then carrying 4-byte length-prefixed frames of the codec's bytes both ways.
 *
 * <p>{@link #send} encodes on the caller's thread and never blocks; {@link #flush} pushes out what was written
 * since the last flush. Bytes queued per connection are bounded ({@link PeerTransportLimits#sendQueueBytesMax}):
 * a send above the bound closes that connection and drops the message, and the protocol resynchronises the peer
 * once it reconnects. Dialing backs off exponentially on Netty's scheduler. Owns its event loops, server channels
 * and connections; {@link #close} releases them all.
 */
public final class PeerTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerTransport.class);
    static final String HANDSHAKE_HANDLER = "handshake";
    /** Up to this many cores, the peer connections share one event loop. */
    static final int PEER_IO_ONE_THREAD_CORES_MAX = 4;

    /** Hears from the transport on Netty threads; must not block. */
    public interface PeerListener {
        void received(int from, PeerMessage message);

        /** Up once the handshake of a new connection succeeds; down once when an up connection closes. */
        void connectionChanged(int peer, PeerCodec.Channel channel, boolean up);
    }

    private final int myId;
    private final PeerAddress me;
    private final Map<Integer, PeerAddress> members;
    private final PeerCodec codec;
    private final PeerTransportLimits limits;
    private final PeerListener listener;
    private final long ensembleFingerprint;
    private final Map<Integer, Map<PeerCodec.Channel, PeerSlot>> slots = new TreeMap<>();
    private final Queue<PeerConnection> unflushed = new ConcurrentLinkedQueue<>();
    private final AtomicLong messagesDropped = new AtomicLong();
    private final AtomicReference<Encoded> lastEncoded = new AtomicReference<>();
    private final EventLoopGroup group;
    private final List<Channel> serverChannels = new ArrayList<>();
    private final List<PeerDialer> dialers = new ArrayList<>();
    private volatile Set<Integer> blocked = Set.of();
    private volatile boolean closed;
    private boolean started;

    public PeerTransport(int myId, List<PeerAddress> ensemble, PeerCodec codec, PeerTransportLimits limits,
            PeerListener listener) {
        this.myId = myId;
        this.codec = Objects.requireNonNull(codec, "codec");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.members = ensemble.stream().collect(Collectors.toMap(PeerAddress::id, p -> p, (a, b) -> {
            throw new IllegalArgumentException("server id " + a.id() + " appears twice in the ensemble");
        }, TreeMap::new));
        this.me = members.get(myId);
        if (me == null) {
            throw new IllegalArgumentException("server " + myId + " is not in the ensemble " + members.keySet());
        }
        this.ensembleFingerprint = Handshake.fingerprint(ensemble);
        for (int peer : members.keySet()) {
            if (peer != myId) {
                Map<PeerCodec.Channel, PeerSlot> byChannel = new EnumMap<>(PeerCodec.Channel.class);
                for (PeerCodec.Channel channel : PeerCodec.Channel.values()) {
                    byChannel.put(channel, new PeerSlot(peer, channel, listener));
                }
                slots.put(peer, byChannel);
            }
        }
        this.group = new NioEventLoopGroup(ioThreadsFor(Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("chorus-peer-" + myId));
    }

    /**
     * Peer traffic is a few connections, and the driver flushes them all at the end of each batch: on one loop that
     * is one wake-up of one thread per batch, and the acknowledgements of several followers come back to the driver
     * from one thread too. Two loops only on a machine with cores to spare for them.
     */
    static int ioThreadsFor(int cores) {
        return cores <= PEER_IO_ONE_THREAD_CORES_MAX ? 1 : 2;
    }

    /** Binds this server's quorum and election ports and starts dialing every peer with a higher id. */
    public synchronized void start() throws IOException {
        if (closed || started) {
            throw new IllegalStateException(closed ? "closed" : "already started");
        }
        started = true;
        try {
            bind(PeerCodec.Channel.QUORUM, me.quorumPort());
            bind(PeerCodec.Channel.ELECTION, me.electionPort());
            for (PeerAddress peer : members.values()) {
                if (peer.id() > myId) {
                    for (PeerCodec.Channel channel : PeerCodec.Channel.values()) {
                        int port = channel == PeerCodec.Channel.QUORUM ? peer.quorumPort() : peer.electionPort();
                        InetSocketAddress address = resolve(peer.host(), port, "peer " + peer.id());
                        PeerDialer dialer = new PeerDialer(group, address,
                                Handshake.Hello.of(channel, myId, peer.id(), ensembleFingerprint), limits,
                                ch -> established(ch, peer.id(), channel), () -> closed);
                        dialers.add(dialer);
                        dialer.dialSoon();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static InetSocketAddress resolve(String host, int port, String who) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve the host " + host + " of " + who);
        }
        return address;
    }

    private void bind(PeerCodec.Channel kind, int port) throws IOException {
        InetSocketAddress address = resolve(me.host(), port, "this server (" + myId + ")");
        Set<Integer> memberIds = Set.copyOf(members.keySet());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(HANDSHAKE_HANDLER, new HandshakeAcceptor(myId, kind, memberIds,
                                ensembleFingerprint, limits.connectTimeout(),
                                PeerTransport.this::established));
                    }
                });
        try {
            serverChannels.add(bootstrap.bind(address).syncUninterruptibly().channel());
        } catch (RuntimeException e) {
            throw new IOException("cannot bind the " + kind + " port " + address + ": " + e.getMessage(), e);
        }
        LOG.info("server {} listens for peers' {} connections on {}", myId, kind, address);
    }

    /**
     * A handshake succeeded on {@code channel}: the frame decoder and reader go after the handshake handler (which
     * then removes itself); the connection becomes the peer's current one on that channel. Runs on the channel's
     * event loop.
     */
    private void established(Channel channel, int peer, PeerCodec.Channel kind) {
        channel.pipeline()
                // The length counts the bytes after the prefix; fail fast: a bogus length is never allocated.
                .addAfter(HANDSHAKE_HANDLER, "frame",
                        new LengthFieldBasedFrameDecoder(PeerFrames.frameBytesMax(limits.frameBytesMax()), 0, 4, 0, 4, true))
                .addAfter("frame", "reader", new PeerFrameReader(peer, kind, codec, limits.frameBytesMax(), p -> blocked.contains(p), listener,
                        messagesDropped));
        PeerConnection connection = new PeerConnection(peer, kind, channel, limits.sendQueueBytesMax());
        PeerSlot slot = slots.get(peer).get(kind);
        channel.closeFuture().addListener(f -> slot.closed(connection));
        if (channel.isActive() && !closed) {
            slot.up(connection);
        } else {
            channel.close();
        }
    }

    /**
     * Sends {@code message} to server {@code to} on the channel its codec names, without flushing. Any thread;
     * never blocks. Dropped (and counted) when the peer is not connected or blocked; a send that would queue more
     * than {@link PeerTransportLimits#sendQueueBytesMax} closes that connection and is dropped.
     */
    public void send(int to, PeerMessage message) {
        if (to == myId) {
            throw new IllegalArgumentException("server " + myId + " cannot send to itself: " + message);
        }
        Map<PeerCodec.Channel, PeerSlot> byChannel = slots.get(to);
        if (byChannel == null) {
            throw new IllegalArgumentException("server " + to + " is not in the ensemble " + members.keySet());
        }
        PeerCodec.Channel kind = codec.channelOf(message);
        PeerConnection connection = byChannel.get(kind).current();
        if (blocked.contains(to)) {
            messagesDropped.incrementAndGet();
            return;
        }
        if (connection == null) {
            messagesDropped.incrementAndGet();
            LOG.debug("dropping a message to peer {}: no {} connection", to, kind);
            return;
        }
        byte[] payload = encode(message);
        if (payload.length > limits.frameBytesMax()) {
            messagesDropped.incrementAndGet();
            LOG.warn("dropping a message of {} bytes to peer {}: above frameBytesMax {}", payload.length, to,
                    limits.frameBytesMax());
            return;
        }
        switch (connection.write(payload)) {
            case QUEUED -> {
                if (connection.markUnflushed()) {
                    unflushed.add(connection);
                }
            }
            case OVER_LIMIT -> {
                messagesDropped.incrementAndGet();
                if (connection.markClosing()) {
                    LOG.warn("closing the {} connection with peer {}: {} bytes queued and {} more would exceed "
                            + "sendQueueBytesMax {}", kind, to, connection.queuedBytes(), payload.length + 4,
                            limits.sendQueueBytesMax());
                    connection.close();
                }
            }
            case CLOSED -> messagesDropped.incrementAndGet();
        }
    }

    /** The message last encoded and its bytes: a leader sends the same proposal to every follower in turn. */
    private record Encoded(PeerMessage message, byte[] bytes) {
    }

    /** The codec's bytes for {@code message}, encoded once however many peers it goes to one after another. */
    private byte[] encode(PeerMessage message) {
        Encoded last = lastEncoded.get();
        if (last != null && last.message == message) {
            return last.bytes;
        }
        byte[] bytes = codec.encode(message);
        lastEncoded.set(new Encoded(message, bytes));
        return bytes;
    }

    /** Flushes every connection written since the last flush. Any thread; never blocks. */
    public void flush() {
        PeerConnection connection;
        while ((connection = unflushed.poll()) != null) {
            connection.flush();
        }
    }

    /** Whether the connection with {@code peer} on {@code channel} is up (its handshake done, not yet closed). */
    public boolean connected(int peer, PeerCodec.Channel channel) {
        Map<PeerCodec.Channel, PeerSlot> byChannel = slots.get(peer);
        return byChannel != null && byChannel.get(channel).current() != null;
    }

    /**
     * Fault injection: while a peer is in {@code peers}, every frame to or from it is silently dropped in both
     * directions and its connections stay up, as a firewall dropping packets would. {@code block(Set.of())} heals.
     */
    public void block(Set<Integer> peers) {
        blocked = Set.copyOf(peers);
        LOG.info("server {} blocks peers {}", myId, blocked);
    }

    /**
     * Messages dropped so far: sent to a peer not connected or blocked, too large, or above the send queue bound;
     * received from a blocked peer.
     */
    public long messagesDropped() {
        return messagesDropped.get();
    }

    /** Bytes written to the connection with {@code peer} on {@code channel} and not yet handed to its socket. */
    public long queuedBytes(int peer, PeerCodec.Channel channel) {
        Map<PeerCodec.Channel, PeerSlot> byChannel = slots.get(peer);
        PeerConnection connection = byChannel == null ? null : byChannel.get(channel).current();
        return connection == null ? 0 : connection.queuedBytes();
    }

    /** Closes the server channels and every connection, then the event loops. Not from a listener callback. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Channel serverChannel : serverChannels) {
            serverChannel.close().syncUninterruptibly();
        }
        for (Map<PeerCodec.Channel, PeerSlot> byChannel : slots.values()) {
            for (PeerSlot slot : byChannel.values()) {
                PeerConnection connection = slot.current();
                if (connection != null) {
                    connection.close();
                    connection.channel.closeFuture().syncUninterruptibly();
                }
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        LOG.info("server {} closed its peer transport", myId);
    }
}
