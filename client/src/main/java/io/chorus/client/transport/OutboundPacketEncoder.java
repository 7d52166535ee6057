package io.chorus.client.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes a packet as ZooKeeper frames it: a 4-byte big-endian length, then the request header as jute
 * encodes it (xid and type, two big-endian ints), then the body.
 */
final class OutboundPacketEncoder extends MessageToByteEncoder<OutboundPacket> {
    @Override
    protected void encode(ChannelHandlerContext ctx, OutboundPacket packet, ByteBuf out) {
        out.ensureWritable(4 + packet.frameBytes());
        out.writeInt(packet.frameBytes());
        if (packet.hasHeader()) {
            out.writeInt(packet.xid());
            out.writeInt(packet.type());
        }
        out.writeBytes(packet.body());
    }
}
