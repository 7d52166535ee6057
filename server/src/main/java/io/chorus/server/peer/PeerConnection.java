package io.chorus.server.peer;

import io.chorus.api.spi.PeerCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection with a peer after its handshake: writes frames from any thread and counts the bytes written
 * but not yet handed to the socket, refusing a frame that would take them above the bound.
 *
 * <p>Messages written between two flushes are kept, and {@link #flush} copies their frames into one buffer of
 * exactly their size and hands it to the event loop as one write-and-flush: one task, one wake-up of the loop and
 * one socket write per flush, however many messages the driver's batch sent this peer. (A buffer of the exact size
 * is never grown: growing one on every batch made the JIT compile Netty's reallocation into every buffer write.)
 */
final class PeerConnection {
    enum WriteResult { QUEUED, OVER_LIMIT, CLOSED }

    /** The largest buffer one flush copies frames into; more frames go in more buffers. */
    static final int FLUSH_BUFFER_BYTES_MAX = 4 << 20;

    final int peer;
    final PeerCodec.Channel kind;
    final Channel channel;
    private final long sendQueueBytesMax;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean unflushed = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Whole messages written since the last flush, in order. Guarded by this. */
    private final ArrayList<byte[]> pending = new ArrayList<>();
    /** The bytes of their frames, counted in {@link #queuedBytes} until the socket takes them. Guarded by this. */
    private long pendingBytes;

    PeerConnection(int peer, PeerCodec.Channel kind, Channel channel, long sendQueueBytesMax) {
        this.peer = peer;
        this.kind = kind;
        this.channel = channel;
        this.sendQueueBytesMax = sendQueueBytesMax;
    }

    /**
     * Writes one message without flushing. Up to {@link PeerFrames#CHUNK_BYTES} it is one frame, kept for the
     * next flush, whose bytes count against the bound until the socket takes them. A larger one
     * (a whole state snapshot) goes, after the frames before it, as a run of chunk frames sharing the message's
     * array, not counted: the bound is there so that a slow peer cannot make the sender pile up ever more small
     * messages, and counting a snapshot bigger than the bound would only cut the connection over and over.
     * Synchronised, so frames keep the order of their writes and one message's chunks are never interleaved with
     * another's.
     */
    synchronized WriteResult write(byte[] payload) {
        if (closing.get()) {
            return WriteResult.CLOSED;
        }
        if (payload.length > PeerFrames.CHUNK_BYTES) {
            writePending(false);
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
        pending.add(payload);
        pendingBytes += frameBytes;
        return WriteResult.QUEUED;
    }

    /** Marks this connection written since the last flush; true when it was not marked yet. */
    boolean markUnflushed() {
        return !unflushed.getAndSet(true);
    }

    /** Sends what was written since the last flush. */
    void flush() {
        unflushed.set(false);
        synchronized (this) {
            if (writePending(true)) {
                return;
            }
        }
        channel.flush(); // only chunk frames were written
    }

    /**
     * Hands the frames of the messages in {@link #pending} to the channel, in buffers of at most
     * {@link #FLUSH_BUFFER_BYTES_MAX}, flushing with the last when {@code flush}; false when there were none. Their
     * bytes stop counting against the bound once the socket has taken them (or the write failed).
     */
    private boolean writePending(boolean flush) {
        if (pending.isEmpty()) {
            return false;
        }
        int from = 0;
        while (from < pending.size()) {
            int to = from;
            long bytes = 0;
            while (to < pending.size()
                    && (to == from || bytes + frameBytes(pending.get(to)) <= FLUSH_BUFFER_BYTES_MAX)) {
                bytes += frameBytes(pending.get(to));
                to++;
            }
            ByteBuf frames = channel.alloc().directBuffer((int) bytes, (int) bytes);
            for (int i = from; i < to; i++) {
                PeerFrames.writeWhole(frames, pending.get(i));
            }
            long written = bytes;
            ChannelPromise promise = channel.newPromise();
            promise.addListener(f -> queuedBytes.addAndGet(-written));
            if (flush && to == pending.size()) {
                channel.writeAndFlush(frames, promise);
            } else {
                channel.write(frames, promise);
            }
            from = to;
        }
        pending.clear();
        pendingBytes = 0;
        return true;
    }

    private static long frameBytes(byte[] payload) {
        return PeerFrames.HEADER_BYTES + payload.length;
    }

    long queuedBytes() {
        return queuedBytes.get();
    }

    /** Stops further writes; true for the first caller only, who then logs why and calls {@link #close}. */
    boolean markClosing() {
        return closing.compareAndSet(false, true);
    }

    /** Closes the channel; frames written but not flushed are dropped. */
    void close() {
        closing.set(true);
        synchronized (this) {
            queuedBytes.addAndGet(-pendingBytes);
            pending.clear();
            pendingBytes = 0;
        }
        channel.close();
    }

    @Override
    public String toString() {
        return kind + " connection with peer " + peer + " " + channel.remoteAddress();
    }
}
