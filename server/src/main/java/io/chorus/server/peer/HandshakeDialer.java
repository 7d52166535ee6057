package io.chorus.server.peer;

import io.chorus.server.peer.Handshake.Answer;
import io.chorus.server.peer.Handshake.Hello;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler on a connection this server dialed: sends the {@link Hello}, reads the answer, and either hands
 * the connection on (removing itself) or logs the refusal and closes.
 */
final class HandshakeDialer extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeDialer.class);

    private final Hello hello;
    private final Duration handshakeTimeout;
    private final Runnable accepted;
    private ScheduledFuture<?> timeout;
    private boolean done;

    HandshakeDialer(Hello hello, Duration handshakeTimeout, Runnable accepted) {
        this.hello = hello;
        this.handshakeTimeout = handshakeTimeout;
        this.accepted = accepted;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(hello.toBytes()));
        timeout = ctx.executor().schedule(() -> {
            if (!done) {
                done = true;
                LOG.warn("closing {}: peer {} did not answer the handshake within {} ms", ctx.channel(),
                        hello.toId(), handshakeTimeout.toMillis());
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
        if (in.readableBytes() < Handshake.ANSWER_BYTES) {
            return;
        }
        done = true;
        timeout.cancel(false);
        int magic = in.readInt();
        short version = in.readShort();
        Answer answer = Answer.ofCode(in.readByte());
        if (magic != Handshake.MAGIC || answer != Answer.ACCEPTED) {
            LOG.warn("peer {} at {} refused the {} connection: {} (magic 0x{}, wire version {})", hello.toId(),
                    ctx.channel().remoteAddress(), Handshake.channelOf(hello.channelCode()),
                    magic != Handshake.MAGIC ? "not a Chorus peer" : answer, Integer.toHexString(magic), version);
            in.skipBytes(in.readableBytes());
            ctx.close();
            return;
        }
        accepted.run();
        ctx.pipeline().remove(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("closing {} to peer {} during the handshake: {}", ctx.channel(), hello.toId(), cause.toString());
        ctx.close();
    }
}
