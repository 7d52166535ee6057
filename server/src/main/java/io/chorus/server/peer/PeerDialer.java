package io.chorus.server.peer;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one outgoing connection to a peer on one channel: dials, handshakes, and after every failure or close
 * dials again after a delay that doubles from {@code reconnectMin} up to {@code reconnectMax}, back to the
 * minimum after a successful handshake. Delays run on Netty's scheduler; no thread sleeps.
 */
final class PeerDialer {
    private static final Logger LOG = LoggerFactory.getLogger(PeerDialer.class);

    private final EventLoopGroup group;
    private final InetSocketAddress address;
    private final Handshake.Hello hello;
    private final PeerTransportLimits limits;
    private final Consumer<Channel> established;
    private final BooleanSupplier transportClosed;
    private long backoffMillis;

    PeerDialer(EventLoopGroup group, InetSocketAddress address, Handshake.Hello hello, PeerTransportLimits limits,
            Consumer<Channel> established, BooleanSupplier transportClosed) {
        this.group = group;
        this.address = address;
        this.hello = hello;
        this.limits = limits;
        this.established = established;
        this.transportClosed = transportClosed;
        this.backoffMillis = limits.reconnectMin().toMillis();
    }

    void dialSoon() {
        schedule(0);
    }

    private void dial() {
        if (transportClosed.getAsBoolean()) {
            return;
        }
        AtomicBoolean retried = new AtomicBoolean();
        Runnable retry = () -> {
            if (retried.compareAndSet(false, true)) {
                scheduleRetry();
            }
        };
        ChannelFuture connect = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        limits.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(PeerTransport.HANDSHAKE_HANDLER,
                                new HandshakeDialer(hello, limits.connectTimeout(), () -> accepted(ch)));
                    }
                })
                .connect(address);
        Channel channel = connect.channel();
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                LOG.debug("cannot reach peer {} at {}: {}", hello.toId(), address, f.cause().toString());
                channel.close();
                retry.run();
            }
        });
        channel.closeFuture().addListener(f -> retry.run());
    }

    private synchronized void accepted(Channel channel) {
        backoffMillis = limits.reconnectMin().toMillis();
        established.accept(channel);
    }

    private void scheduleRetry() {
        long delayMillis;
        synchronized (this) {
            delayMillis = backoffMillis;
            backoffMillis = Math.min(backoffMillis * 2, limits.reconnectMax().toMillis());
        }
        schedule(delayMillis);
    }

    private void schedule(long delayMillis) {
        if (transportClosed.getAsBoolean()) {
            return;
        }
        try {
            group.schedule(this::dial, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("not dialing peer {} again: the transport is shutting down", hello.toId());
        }
    }
}
