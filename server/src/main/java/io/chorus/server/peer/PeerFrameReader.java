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
    private final int messageBytesMax;
    /** The chunks of a message not yet complete, and their bytes so far. */
    private final java.util.List<byte[]> chunks = new java.util.ArrayList<>();
    private long chunkedBytes;
    private final IntPredicate blocked;
    private final PeerTransport.PeerListener listener;
    private final AtomicLong messagesDropped;
    private boolean closing;

    PeerFrameReader(int peer, PeerCodec.Channel kind, PeerCodec codec, int messageBytesMax, IntPredicate blocked,
            PeerTransport.PeerListener listener, AtomicLong messagesDropped) {
        this.peer = peer;
        this.kind = kind;
        this.codec = codec;
        this.messageBytesMax = messageBytesMax;
        this.blocked = blocked;
        this.listener = listener;
        this.messagesDropped = messagesDropped;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        byte[] frame;
        byte frameKind;
        ByteBuf buf = (ByteBuf) msg;
        try {
            frameKind = buf.isReadable() ? buf.readByte() : -1;
            frame = ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
        if (closing) {
            return;
        }
        if (frameKind == PeerFrames.WHOLE && !chunks.isEmpty()) {
            refuse(ctx, "a whole message inside a chunked one");
            return;
        }
        if (frameKind != PeerFrames.WHOLE) {
            frame = joinChunks(ctx, frameKind, frame);
            if (frame == null) {
                return; // more chunks to come, or the connection is closing
            }
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

    /** Adds a chunk; the whole message once its last chunk came, else null. */
    private byte[] joinChunks(ChannelHandlerContext ctx, byte frameKind, byte[] chunk) {
        if (frameKind != PeerFrames.MORE_CHUNKS && frameKind != PeerFrames.LAST_CHUNK) {
            return refuse(ctx, "a frame of unknown kind " + frameKind);
        }
        chunkedBytes += chunk.length;
        if (chunkedBytes > messageBytesMax) {
            return refuse(ctx, "a chunked message above " + messageBytesMax + " bytes");
        }
        chunks.add(chunk);
        if (frameKind == PeerFrames.MORE_CHUNKS) {
            return null;
        }
        byte[] message = new byte[(int) chunkedBytes];
        int at = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, message, at, c.length);
            at += c.length;
        }
        chunks.clear();
        chunkedBytes = 0;
        return message;
    }

    private byte[] refuse(ChannelHandlerContext ctx, String what) {
        closing = true;
        chunks.clear();
        LOG.warn("closing the {} connection with peer {}: {}", kind, peer, what);
        ctx.close();
        return null;
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
