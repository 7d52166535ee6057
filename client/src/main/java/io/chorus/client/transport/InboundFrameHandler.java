package io.chorus.client.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.InputArchive;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.ReplyHeader;

/**
 * Decodes whole frames into the protocol's records and hands them to the {@link TransportListener}: the first
 * frame is the ConnectResponse, every later one a ReplyHeader and its body. A frame that does not parse, or
 * any other failure, is reported and closes the connection. The frame buffer is released after the listener
 * returns, so the listener reads the body before returning.
 */
final class InboundFrameHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private final TransportListener listener;
    private final int maxPacketBytes;
    private boolean handshakeDone;

    InboundFrameHandler(TransportListener listener, int maxPacketBytes) {
        this.listener = listener;
        this.maxPacketBytes = maxPacketBytes;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        listener.onActive(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) throws IOException {
        InputArchive in = archive(frame);
        if (!handshakeDone) {
            handshakeDone = true;
            listener.onConnectResponse(ctx.channel(), connectResponse(in, frame));
            return;
        }
        ReplyHeader header = new ReplyHeader();
        header.deserialize(in, "header");
        listener.onReply(ctx.channel(), header, in);
    }

    /** The readOnly flag came late to the protocol; a server that omits it means false. */
    private static ConnectResponse connectResponse(InputArchive in, ByteBuf frame) throws IOException {
        ConnectResponse r = new ConnectResponse();
        r.setProtocolVersion(in.readInt("protocolVersion"));
        r.setTimeOut(in.readInt("timeOut"));
        r.setSessionId(in.readLong("sessionId"));
        r.setPasswd(in.readBuffer("passwd"));
        r.setReadOnly(frame.isReadable() && in.readBool("readOnly"));
        return r;
    }

    private InputArchive archive(ByteBuf frame) {
        // Jute checks every length field against this bound; no field can be longer than the frame.
        return new BinaryInputArchive(new ByteBufInputStream(frame), maxPacketBytes, 0);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent idle) {
            listener.onIdle(ctx.channel(), idle.state());
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        listener.onFailure(ctx.channel(), cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        listener.onInactive(ctx.channel());
        ctx.fireChannelInactive();
    }
}
