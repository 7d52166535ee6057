package io.chorus.server.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: hands decoded packets to the {@link ClientRequestSink}, carries replies back,
 * and bounds the requests in flight: at {@code maxOutstandingRequests} it stops reading the socket
 * (ZooKeeper's throttling) until replies bring it back under half the bound.
 */
public final class ClientConnection extends SimpleChannelInboundHandler<Object> implements ClientChannel {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    private final ClientRequestSink sink;
    private final int maxOutstandingRequests;
    private final AtomicInteger outstanding = new AtomicInteger();
    /** Requests decoded from the read in progress, handed over when it completes; event loop only. */
    private final ArrayList<RequestPacket> readBatch = new ArrayList<>();
    /** Packets written by the driver since its last flush; driver thread only. */
    private final ArrayList<Object> unflushed = new ArrayList<>();
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
            handOverRead();
            sink.connect(this, connect);
        } else if (msg instanceof RequestPacket request) {
            if (outstanding.incrementAndGet() >= maxOutstandingRequests) {
                ctx.channel().config().setAutoRead(false);
            }
            readBatch.add(request);
        }
    }

    /** The end of one read from the socket: its requests go to the sink together, in order. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        handOverRead();
        super.channelReadComplete(ctx);
    }

    private void handOverRead() {
        if (readBatch.isEmpty()) {
            return;
        }
        List<RequestPacket> requests = List.copyOf(readBatch);
        readBatch.clear();
        sink.requests(this, requests);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // Requests read before the connection went away are handled as they were before it did.
        handOverRead();
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

    /** Keeps a packet for the next {@link #flush}; the driver flushes once per batch. Driver thread only. */
    @Override
    public void write(Object packet) {
        unflushed.add(packet);
    }

    /**
     * Hands the packets written since the last flush to the connection's event loop as one task, which
     * writes them in order and flushes: one hand-off between threads per batch instead of one per packet.
     * Driver thread only.
     */
    @Override
    public void flush() {
        if (unflushed.isEmpty()) {
            return;
        }
        Object[] packets = unflushed.toArray();
        unflushed.clear();
        Channel c = channel;
        if (c == null) {
            return;
        }
        EventLoop loop = c.eventLoop();
        if (loop.inEventLoop()) {
            writeAndFlush(c, packets);
            return;
        }
        try {
            loop.execute(() -> writeAndFlush(c, packets));
        } catch (RejectedExecutionException e) {
            // The event loop is shutting down with the server: the connection is going away anyway.
            LOG.debug("Dropping {} packets for {}: its event loop has stopped", packets.length, remote());
        }
    }

    private static void writeAndFlush(Channel c, Object[] packets) {
        for (Object packet : packets) {
            c.write(packet, c.voidPromise());
        }
        c.flush();
    }

    /** One request has been answered: reading resumes once under half the bound. */
    @Override
    public void replied() {
        if (outstanding.decrementAndGet() == maxOutstandingRequests / 2) {
            Channel c = channel;
            if (c != null) {
                c.config().setAutoRead(true);
            }
        }
    }

    /** Flushes what is queued, then closes, logging why. Driver thread only. */
    @Override
    public void close(String reason) {
        flush();
        Channel c = channel;
        if (c != null && c.isOpen()) {
            LOG.info("Closing connection from {} (session 0x{}): {}", remote(), Long.toHexString(sessionId), reason);
            c.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public boolean isOpen() {
        Channel c = channel;
        return c != null && c.isOpen();
    }

    /** The client's address, or null when unknown (not connected, or not an IP channel). */
    @Override
    public InetSocketAddress remote() {
        Channel c = channel;
        return c != null && c.remoteAddress() instanceof InetSocketAddress a ? a : null;
    }

    @Override
    public long sessionId() {
        return sessionId;
    }

    @Override
    public void sessionId(long id) {
        this.sessionId = id;
    }
}
