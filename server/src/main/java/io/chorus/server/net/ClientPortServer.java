package io.chorus.server.net;

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
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The Netty server behind the client port. Pipeline per connection: connection limit, four-letter
 * words, length-prefixed framing bounded by {@code maxPacketBytes}, packet decoding, reply encoding,
 * and the {@link ClientConnection} that talks to the driver. Owns its event loops.
 */
public final class ClientPortServer implements AutoCloseable {
    private final EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("chorus-server-accept"));
    private final EventLoopGroup workers = new NioEventLoopGroup(ioThreadsFor(Runtime.getRuntime().availableProcessors()),
            new DefaultThreadFactory("chorus-server-io"));
    private final Channel serverChannel;
    private final ConnectionLimitHandler limit;

    public ClientPortServer(InetSocketAddress bindAddress, int maxPacketBytes, int maxConnectionsPerAddress,
            int maxOutstandingRequests, ClientRequestSink sink, Function<String, String> fourLetterWords)
            throws IOException {
        limit = new ConnectionLimitHandler(maxConnectionsPerAddress);
        PacketEncoder encoder = new PacketEncoder();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("limit", limit)
                                .addLast("4lw", new FourLetterWordHandler(fourLetterWords))
                                // The length counts the bytes after the prefix; a larger frame closes the connection.
                                .addLast("frame", new LengthFieldBasedFrameDecoder(maxPacketBytes + 4, 0, 4, 0, 4))
                                .addLast("decode", new PacketDecoder(maxPacketBytes))
                                .addLast("encode", encoder)
                                .addLast("connection", new ClientConnection(sink, maxOutstandingRequests));
                    }
                });
        try {
            serverChannel = bootstrap.bind(bindAddress).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            shutdownEventLoops();
            throw new IOException("cannot bind the client port " + bindAddress + ": " + e.getMessage(), e);
        }
    }

    /**
     * Event loops for client connections, sized as ZooKeeper sizes its selector threads: the square root
     * of half the cores, at least one. Their work per request is small (frame, decode, encode); the
     * driver thread does the rest. Fewer loops than Netty's default of two per core means fewer
     * wake-ups and a busier loop reading more requests per system call, and leaves the cores to the
     * driver, the log and, on a shared machine, the clients.
     */
    static int ioThreadsFor(int cores) {
        return Math.max(1, (int) Math.sqrt(cores / 2.0));
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Open client connections. */
    public int connections() {
        return limit.connections();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        shutdownEventLoops();
    }

    private void shutdownEventLoops() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
