package io.chorus.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * Answers ZooKeeper's four-letter words ({@code ruok}, {@code srvr}, ...) sent as the first four bytes
 * of a connection, then closes it. Any other first four bytes are a length prefix: the handler steps
 * aside and the bytes flow on. A four-letter word read as a length is far above any packet bound, so
 * the two cannot be confused.
 */
public final class FourLetterWordHandler extends ByteToMessageDecoder {
    private final Function<String, String> responder;

    /** {@code responder} maps a command to its text answer, or null when it is not a command. */
    public FourLetterWordHandler(Function<String, String> responder) {
        this.responder = responder;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return;
        }
        String word = in.toString(in.readerIndex(), 4, StandardCharsets.US_ASCII);
        String answer = isLowerAscii(word) ? responder.apply(word) : null;
        if (answer == null) {
            ctx.pipeline().remove(this);
            return;
        }
        in.skipBytes(in.readableBytes());
        ctx.writeAndFlush(Unpooled.copiedBuffer(answer, StandardCharsets.UTF_8))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private static boolean isLowerAscii(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }
}
