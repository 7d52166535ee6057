package io.chorus.server.peer;

import io.chorus.api.spi.PeerCodec;
import io.chorus.server.peer.Handshake.Answer;
import io.chorus.server.peer.Handshake.Hello;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler on an accepted peer connection: reads the dialer's {@link Hello}, checks every field, answers,
 * and either hands the connection to the transport (removing itself, so bytes after the hello reach the frame
 * decoder) or logs why and closes.
 */
final class HandshakeAcceptor extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeAcceptor.class);

    /** What the transport does with a connection whose handshake it accepted. */
    interface Accepted {
        void accepted(io.netty.channel.Channel channel, int peer, PeerCodec.Channel kind);
    }

    private final int myId;
    private final PeerCodec.Channel kind;
    private final Set<Integer> memberIds;
    private final long ensembleFingerprint;
    private final Duration handshakeTimeout;
    private final Accepted accepted;
    private ScheduledFuture<?> timeout;
    private boolean done;

    HandshakeAcceptor(int myId, PeerCodec.Channel kind, Set<Integer> memberIds, long ensembleFingerprint,
            Duration handshakeTimeout, Accepted accepted) {
        this.myId = myId;
        this.kind = kind;
        this.memberIds = memberIds;
        this.ensembleFingerprint = ensembleFingerprint;
        this.handshakeTimeout = handshakeTimeout;
        this.accepted = accepted;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        timeout = ctx.executor().schedule(() -> {
            if (!done) {
                done = true;
                LOG.warn("closing {} connection from {}: no handshake within {} ms", kind,
                        ctx.channel().remoteAddress(), handshakeTimeout.toMillis());
                ctx.close();
            }
        }, handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (done) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() >= 4 && in.getInt(in.readerIndex()) != Handshake.MAGIC) {
            finish();
            LOG.warn("closing {} connection from {}: bad magic 0x{}, not a Chorus peer", kind,
                    ctx.channel().remoteAddress(), Integer.toHexString(in.getInt(in.readerIndex())));
            in.skipBytes(in.readableBytes());
            ctx.close();
            return;
        }
        if (in.readableBytes() < Handshake.HELLO_BYTES) {
            return;
        }
        Hello hello = Hello.readFrom(in);
        finish();
        Answer answer = check(hello);
        if (answer != Answer.ACCEPTED) {
            LOG.warn("refusing {} connection from {}: {} ({})", kind, ctx.channel().remoteAddress(), answer,
                    describe(hello));
            in.skipBytes(in.readableBytes());
            ctx.writeAndFlush(Handshake.answer(answer)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.writeAndFlush(Handshake.answer(Answer.ACCEPTED));
        accepted.accepted(ctx.channel(), hello.fromId(), kind);
        ctx.pipeline().remove(this);
    }

    private void finish() {
        done = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    private Answer check(Hello hello) {
        if (hello.version() != Handshake.WIRE_VERSION) {
            return Answer.UNSUPPORTED_VERSION;
        }
        if (!memberIds.contains(hello.fromId()) || hello.fromId() >= myId) {
            return Answer.UNKNOWN_SENDER;
        }
        if (hello.toId() != myId) {
            return Answer.WRONG_RECEIVER;
        }
        if (Handshake.channelOf(hello.channelCode()) != kind) {
            return Answer.WRONG_CHANNEL;
        }
        if (hello.ensembleFingerprint() != ensembleFingerprint) {
            return Answer.ENSEMBLE_MISMATCH;
        }
        return Answer.ACCEPTED;
    }

    private String describe(Hello hello) {
        return "wire version " + hello.version() + " (this server speaks " + Handshake.WIRE_VERSION + "), from id "
                + hello.fromId() + " (must be a member with an id below " + myId + "), to id " + hello.toId()
                + " (this server is " + myId + "), channel code " + hello.channelCode() + " (this port is " + kind
                + "), ensemble fingerprint " + Long.toHexString(hello.ensembleFingerprint()) + " (this server's is "
                + Long.toHexString(ensembleFingerprint) + ")";
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("closing {} connection from {} during the handshake: {}", kind, ctx.channel().remoteAddress(),
                cause.toString());
        ctx.close();
    }
}
