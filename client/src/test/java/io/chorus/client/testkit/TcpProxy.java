package io.chorus.client.testkit;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay between clients and a server, for network faults a test switches on and off: {@link #cut()}
 * closes every connection and turns new ones away (a server gone), {@link #blackhole()} keeps connections but
 * drops every byte both ways (a partition), {@link #resume()} relays normally again. It sees only bytes, so it
 * works in front of any server.
 */
public final class TcpProxy implements AutoCloseable {
    private static final int SHUTDOWN_TIMEOUT_MILLIS = 5_000;

    private final EventLoopGroup threads = new NioEventLoopGroup(1, new DefaultThreadFactory("tcp-proxy", true));
    private final InetSocketAddress target;
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    private final Channel acceptor;
    private volatile boolean refusing;
    private volatile boolean dropping;

    private TcpProxy(InetSocketAddress target) throws InterruptedException {
        this.target = target;
        ChannelFuture bound = new ServerBootstrap()
                .group(threads)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel client) {
                        accept(client);
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .sync();
        this.acceptor = bound.channel();
    }

    /** A proxy for the server at {@code host:port}. */
    public static TcpProxy to(String hostPort) throws InterruptedException {
        int colon = hostPort.lastIndexOf(':');
        return new TcpProxy(new InetSocketAddress(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1))));
    }

    public String connectString() {
        InetSocketAddress local = (InetSocketAddress) acceptor.localAddress();
        return local.getAddress().getHostAddress() + ":" + local.getPort();
    }

    /** Closes every relayed connection and closes new ones as they arrive, until {@link #resume()}. */
    public void cut() {
        refusing = true;
        for (Channel c : connections) {
            c.close();
        }
    }

    /** Keeps connections (and accepts new ones) but drops every byte both ways, until {@link #resume()}. */
    public void blackhole() {
        dropping = true;
    }

    public void resume() {
        refusing = false;
        dropping = false;
    }

    private void accept(SocketChannel client) {
        if (refusing) {
            client.close();
            return;
        }
        connections.add(client);
        client.closeFuture().addListener(closed -> connections.remove(client));
        ChannelFuture upstream = new Bootstrap()
                .group(client.eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new Relay(client))
                .connect(target);
        Channel server = upstream.channel();
        connections.add(server);
        server.closeFuture().addListener(closed -> connections.remove(server));
        client.pipeline().addLast(new Relay(server));
        upstream.addListener(connected -> {
            if (connected.isSuccess()) {
                client.config().setAutoRead(true);
            } else {
                client.close();
            }
        });
    }

    @Override
    public void close() {
        acceptor.close().syncUninterruptibly();
        for (Channel c : connections) {
            c.close();
        }
        threads.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    /** Copies what one side reads to the other side (or drops it while blackholed); closes both together. */
    private final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel peer;

        Relay(Channel peer) {
            this.peer = peer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object bytes) {
            if (dropping || !peer.isActive()) {
                ReferenceCountUtil.release(bytes);
                return;
            }
            peer.writeAndFlush(bytes);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            peer.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
