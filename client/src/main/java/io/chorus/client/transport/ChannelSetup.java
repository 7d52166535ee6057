package io.chorus.client.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The client connection's pipeline: length-prefixed frames in (at most maxPacketBytes after the prefix, else
 * the decoder fails fast and the connection drops), packets out, and the frame handler. Once a session is
 * established, {@link #watchIdleness} adds the timers that send pings and detect a silent server.
 */
public final class ChannelSetup extends ChannelInitializer<SocketChannel> {
    private static final int LENGTH_FIELD_BYTES = 4;
    private static final String IDLE_HANDLER = "idle";

    private final TransportListener listener;
    private final int maxPacketBytes;

    public ChannelSetup(TransportListener listener, int maxPacketBytes) {
        this.listener = listener;
        this.maxPacketBytes = maxPacketBytes;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast("frames", new LengthFieldBasedFrameDecoder(
                        maxPacketBytes + LENGTH_FIELD_BYTES, 0, LENGTH_FIELD_BYTES, 0, LENGTH_FIELD_BYTES, true))
                .addLast("packets", new OutboundPacketEncoder())
                .addLast("replies", new InboundFrameHandler(listener, maxPacketBytes));
    }

    /**
     * Reports READER_IDLE after {@code readerIdleMillis} without input and WRITER_IDLE after
     * {@code writerIdleMillis} without output.
     */
    public static void watchIdleness(Channel channel, long readerIdleMillis, long writerIdleMillis) {
        channel.pipeline().addFirst(IDLE_HANDLER,
                new IdleStateHandler(readerIdleMillis, writerIdleMillis, 0, TimeUnit.MILLISECONDS));
    }
}
