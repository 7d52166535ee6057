package io.chorus.server.peer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The frames on a peer connection after the handshake: a 4-byte length, then one byte saying what the frame holds
 * (a whole message, or a chunk of one with more to come, or its last chunk), then that many bytes. A message larger
 * than {@link #CHUNK_BYTES} (a state snapshot) goes as chunks, so that no frame, and no buffer a receiver allocates
 * for one, is larger than a chunk; the receiver joins the chunks, up to the transport's message bound.
 */
final class PeerFrames {
    static final int CHUNK_BYTES = 1 << 20;
    /** The length field and the kind byte. */
    static final int HEADER_BYTES = 5;
    static final byte WHOLE = 0;
    static final byte MORE_CHUNKS = 1;
    static final byte LAST_CHUNK = 2;

    private PeerFrames() {
    }

    /** The largest frame a receiver accepts, length field included, for messages of at most {@code messageBytesMax}. */
    static int frameBytesMax(int messageBytesMax) {
        return 4 + 1 + Math.min(messageBytesMax, CHUNK_BYTES);
    }

    /** Writes a frame holding the whole of {@code payload} to {@code out}, copying it. */
    static void writeWhole(ByteBuf out, byte[] payload) {
        out.writeInt(1 + payload.length).writeByte(WHOLE).writeBytes(payload);
    }

    /** A frame of {@code kind} holding {@code payload[offset, offset + length)}, sharing the array. */
    static ByteBuf frame(byte kind, byte[] payload, int offset, int length) {
        ByteBuf header = Unpooled.buffer(HEADER_BYTES, HEADER_BYTES).writeInt(1 + length).writeByte(kind);
        return Unpooled.wrappedBuffer(header, Unpooled.wrappedBuffer(payload, offset, length));
    }
}
