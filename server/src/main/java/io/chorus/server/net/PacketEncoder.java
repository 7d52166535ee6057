package io.chorus.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.io.IOException;

/** Writes replies, notifications and connect responses as length-prefixed jute records. */
@io.netty.channel.ChannelHandler.Sharable
public final class PacketEncoder extends MessageToByteEncoder<Object> {
    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof ReplyPacket || msg instanceof ConnectReplyPacket;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) throws IOException {
        int lengthAt = out.writerIndex();
        out.writeInt(0);
        ByteBufOutputArchive archive = new ByteBufOutputArchive(out);
        if (msg instanceof ReplyPacket reply) {
            reply.header().serialize(archive, "header");
            if (reply.body() != null) {
                reply.body().serialize(archive, "response");
            }
        } else {
            ((ConnectReplyPacket) msg).response().serialize(archive, "connect");
        }
        out.setInt(lengthAt, out.writerIndex() - lengthAt - 4);
    }
}
