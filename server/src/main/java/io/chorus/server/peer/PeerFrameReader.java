package io.chorus.server.peer;

import io.chorus.api.spi.PeerCodec;
import io.chorus.api.spi.PeerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler on a peer connection: decodes each frame with the codec and hands the message to the listener.
 * An undecodable frame, an oversized length or any other error closes this connection with a logged reason
 * naming the peer.
 */
final class PeerFrameReader extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(PeerFrameReader.class);

    private final int peer;
    private final PeerCodec.Channel kind;
    private final PeerCodec codec;
    private final IntPredicate blocked;
    private final PeerTransport.PeerListener listener;
    private final AtomicLong messagesDropped;
    private boolean closing;

    PeerFrameReader(int peer, PeerCodec.Channel kind, PeerCodec codec, IntPredicate blocked,
            PeerTransport.PeerListener listener, AtomicLong messagesDropped) {
        this.peer = peer;
        this.kind = kind;
        this.codec = codec;
        this.blocked = blocked;
        this.listener = listener;
        this.messagesDropped = messagesDropped;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        byte[] frame;
        ByteBuf buf = (ByteBuf) msg;
        try {
            frame = ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
        if (closing) {
            return;
        }
        if (blocked.test(peer)) {
            messagesDropped.incrementAndGet();
            return;
        }
        PeerMessage message;
        try {
            message = codec.decode(frame);
        } catch (IOException | RuntimeException e) {
            closing = true;
            LOG.warn("closing the {} connection with peer {}: undecodable frame of {} bytes: {}", kind, peer,
                    frame.length, e.getMessage());
            ctx.close();
            return;
        }
        try {
            listener.received(peer, message);
        } catch (RuntimeException e) {
            LOG.error("peer listener failed on a message from peer {}: {}", peer, message, e);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!closing) {
            closing = true;
            LOG.warn("closing the {} connection with peer {}: {}", kind, peer, cause.toString());
        }
        ctx.close();
    }
}
