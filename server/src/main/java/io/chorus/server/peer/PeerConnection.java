package io.chorus.server.peer;

import io.chorus.api.spi.PeerCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection with a peer after its handshake: writes frames from any thread and counts the bytes written
 * but not yet handed to the socket, refusing a frame that would take them above the bound.
 */
final class PeerConnection {
    enum WriteResult { QUEUED, OVER_LIMIT, CLOSED }

    final int peer;
    final PeerCodec.Channel kind;
    final Channel channel;
    private final long sendQueueBytesMax;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean unflushed = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();

    PeerConnection(int peer, PeerCodec.Channel kind, Channel channel, long sendQueueBytesMax) {
        this.peer = peer;
        this.kind = kind;
        this.channel = channel;
        this.sendQueueBytesMax = sendQueueBytesMax;
    }

    /** Writes one frame without flushing; the bytes count against the bound until the socket takes them. */
    WriteResult write(byte[] payload) {
        if (closing.get()) {
            return WriteResult.CLOSED;
        }
        long frameBytes = 4L + payload.length;
        if (queuedBytes.addAndGet(frameBytes) > sendQueueBytesMax) {
            queuedBytes.addAndGet(-frameBytes);
            return WriteResult.OVER_LIMIT;
        }
        ByteBuf frame = Unpooled.wrappedBuffer(ByteBuffer.allocate(4).putInt(payload.length).array(), payload);
        ChannelPromise written = channel.newPromise();
        written.addListener(f -> queuedBytes.addAndGet(-frameBytes));
        channel.write(frame, written);
        return WriteResult.QUEUED;
    }

    /** Marks this connection written since the last flush; true when it was not marked yet. */
    boolean markUnflushed() {
        return !unflushed.getAndSet(true);
    }

    void flush() {
        unflushed.set(false);
        channel.flush();
    }

    long queuedBytes() {
        return queuedBytes.get();
    }

    /** Stops further writes; true for the first caller only, who then logs why and calls {@link #close}. */
    boolean markClosing() {
        return closing.compareAndSet(false, true);
    }

    void close() {
        closing.set(true);
        channel.close();
    }

    @Override
    public String toString() {
        return kind + " connection with peer " + peer + " " + channel.remoteAddress();
    }
}
