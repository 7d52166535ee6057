package io.chorus.server.peer;

import io.chorus.api.spi.PeerCodec;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
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

    /**
     * Writes one message without flushing. Up to {@link PeerFrames#CHUNK_BYTES} it is one frame whose bytes count
     * against the bound until the socket takes them. A larger one (a whole state snapshot) goes as a run of chunk
     * frames sharing the message's array, not counted: the bound is there so that a slow peer cannot make the
     * sender pile up ever more small messages, and counting a snapshot bigger than the bound would only cut the
     * connection over and over. Synchronised, so one message's chunks are never interleaved with another's.
     */
    synchronized WriteResult write(byte[] payload) {
        if (closing.get()) {
            return WriteResult.CLOSED;
        }
        if (payload.length > PeerFrames.CHUNK_BYTES) {
            for (int offset = 0; offset < payload.length; offset += PeerFrames.CHUNK_BYTES) {
                int length = Math.min(PeerFrames.CHUNK_BYTES, payload.length - offset);
                byte kind = offset + length == payload.length ? PeerFrames.LAST_CHUNK : PeerFrames.MORE_CHUNKS;
                channel.write(PeerFrames.frame(kind, payload, offset, length));
            }
            return WriteResult.QUEUED;
        }
        long frameBytes = PeerFrames.HEADER_BYTES + payload.length;
        if (queuedBytes.addAndGet(frameBytes) > sendQueueBytesMax) {
            queuedBytes.addAndGet(-frameBytes);
            return WriteResult.OVER_LIMIT;
        }
        ChannelPromise written = channel.newPromise();
        written.addListener(f -> queuedBytes.addAndGet(-frameBytes));
        channel.write(PeerFrames.frame(PeerFrames.WHOLE, payload, 0, payload.length), written);
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
