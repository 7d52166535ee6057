package io.chorus.server.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: hands decoded packets to the {@link ClientRequestSink}, carries replies back,
 * and bounds the requests in flight: at {@code maxOutstandingRequests} it stops reading the socket
 * (ZooKeeper's throttling) until replies bring it back under half the bound.
 */
public final class ClientConnection extends SimpleChannelInboundHandler<Object> {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    private final ClientRequestSink sink;
    private final int maxOutstandingRequests;
    private final AtomicInteger outstanding = new AtomicInteger();
    private volatile Channel channel;
    /** The session this connection serves, 0 before the handshake; written by the driver only. */
    private volatile long sessionId;

    public ClientConnection(ClientRequestSink sink, int maxOutstandingRequests) {
        this.sink = sink;
        this.maxOutstandingRequests = maxOutstandingRequests;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ConnectPacket connect) {
            sink.connect(this, connect);
        } else if (msg instanceof RequestPacket request) {
            if (outstanding.incrementAndGet() >= maxOutstandingRequests) {
                ctx.channel().config().setAutoRead(false);
            }
            sink.request(this, request);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        sink.disconnected(this);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            LOG.warn("Closing connection from {}: packet larger than the limit ({})", remote(), cause.getMessage());
        } else if (cause instanceof DecoderException) {
            LOG.warn("Closing connection from {}: malformed packet ({})", remote(), cause.getMessage());
        } else if (cause instanceof IOException) {
            LOG.debug("Connection from {} failed: {}", remote(), cause.toString());
        } else {
            LOG.warn("Closing connection from {} after an unexpected error", remote(), cause);
        }
        ctx.close();
    }

    /** Queues a packet without flushing; the driver flushes once per batch. */
    public void write(Object packet) {
        Channel c = channel;
        if (c != null) {
            c.write(packet, c.voidPromise());
        }
    }

    public void flush() {
        Channel c = channel;
        if (c != null) {
            c.flush();
        }
    }

    /** One request has been answered: reading resumes once under half the bound. */
    public void replied() {
        if (outstanding.decrementAndGet() == maxOutstandingRequests / 2) {
            Channel c = channel;
            if (c != null) {
                c.config().setAutoRead(true);
            }
        }
    }

    /** Flushes what is queued, then closes, logging why. */
    public void close(String reason) {
        Channel c = channel;
        if (c != null && c.isOpen()) {
            LOG.info("Closing connection from {} (session 0x{}): {}", remote(), Long.toHexString(sessionId), reason);
            c.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    public boolean isOpen() {
        Channel c = channel;
        return c != null && c.isOpen();
    }

    /** The client's address, or null when unknown (not connected, or not an IP channel). */
    public InetSocketAddress remote() {
        Channel c = channel;
        return c != null && c.remoteAddress() instanceof InetSocketAddress a ? a : null;
    }

    public long sessionId() {
        return sessionId;
    }

    public void sessionId(long id) {
        this.sessionId = id;
    }
}
