package io.chorus.datatree.snapshot;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads what {@link ChunkedOutputStream} wrote, serving the bytes in order while up to
 * {@code decodeThreads} threads check and inflate the chunks ahead of the reader. Frames are read from
 * the underlying stream on the caller's thread (it is sequential anyway), at most
 * {@code CHUNKS_IN_FLIGHT_PER_THREAD * decodeThreads} ahead, so memory stays bounded. No byte of a
 * chunk is served before its CRC and length have been checked. Corruption, truncation and oversize
 * chunks are IOExceptions naming the snapshot and the chunk. Returns end of stream only at the terminal
 * chunk and never reads past it.
 *
 * <p>Owns its decode pool: {@link #close()} stops it, and leaves the underlying stream (the caller's)
 * open. Single reader thread.
 */
final class ChunkedInputStream extends InputStream {
    /** How long close waits for a decode task already running (each handles one chunk: milliseconds). */
    private static final long DECODER_STOP_WAIT_MILLIS = 10_000;
    private static final byte[] EMPTY = new byte[0];
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final DataInputStream in;
    private final String snapshot;
    private final ExecutorService decoders;
    private final int inFlightMax;
    /** Decoded (or decoding) chunks, in stream order. */
    private final ArrayDeque<Future<byte[]>> ahead = new ArrayDeque<>();
    private byte[] current = EMPTY;
    private int position;
    private int framesRead;
    /** The number of the chunk {@code current} holds, -1 before the first. */
    private int currentNumber = -1;
    private boolean terminalRead;
    private boolean closed;

    ChunkedInputStream(InputStream in, String snapshot, int decodeThreads) {
        if (decodeThreads < 1 || decodeThreads > SnapshotFormat.DECODE_THREADS_MAX) {
            throw new IllegalArgumentException("decodeThreads must be within 1.." + SnapshotFormat.DECODE_THREADS_MAX
                    + ", got " + decodeThreads);
        }
        this.in = new DataInputStream(in);
        this.snapshot = snapshot;
        this.inFlightMax = decodeThreads * SnapshotFormat.CHUNKS_IN_FLIGHT_PER_THREAD;
        String prefix = "chorus-snapshot-decode-" + POOLS.incrementAndGet() + "-";
        AtomicInteger threads = new AtomicInteger();
        this.decoders = Executors.newFixedThreadPool(decodeThreads, task -> {
            Thread thread = new Thread(task, prefix + threads.incrementAndGet());
            thread.setDaemon(true); // close() stops them; daemon only so a leak cannot keep a JVM alive
            return thread;
        });
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return current[position++] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, bytes, offset, n);
        position += n;
        return n;
    }

    /** Fails unless every byte has been consumed and the next chunk is the terminal one. */
    void expectEnd() throws IOException {
        if (position < current.length || fill()) {
            throw new IOException("corrupt " + snapshot + ": data after the end record in chunk " + currentNumber);
        }
    }

    /** Stops the decode threads; the underlying stream belongs to the caller and stays open. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        ahead.forEach(future -> future.cancel(true));
        ahead.clear();
        decoders.shutdownNow();
        try {
            if (!decoders.awaitTermination(DECODER_STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IOException("decode threads of " + snapshot + " did not stop within "
                        + DECODER_STOP_WAIT_MILLIS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping the decode threads of " + snapshot);
        }
    }

    /** True once {@link #close()} has stopped every decode thread: lets tests see the pool is not leaked. */
    boolean decodersTerminated() {
        return decoders.isTerminated();
    }

    /** True when a byte is ready in {@code current}; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (closed) {
            throw new IOException(snapshot + " stream is closed");
        }
        while (position == current.length) {
            readAhead();
            Future<byte[]> next = ahead.poll();
            if (next == null) {
                return false; // the terminal chunk was read and every chunk before it served
            }
            current = await(next);
            position = 0;
            currentNumber++;
        }
        return true;
    }

    /** Reads frames up to the in-flight bound (or the terminal one) and hands each to a decode thread. */
    private void readAhead() throws IOException {
        while (!terminalRead && ahead.size() < inFlightMax) {
            ChunkFrame frame = ChunkFrame.read(in, snapshot, framesRead);
            framesRead++;
            if (frame.isTerminal()) {
                frame.verify();
                terminalRead = true;
            } else {
                ahead.add(decoders.submit(frame::decode));
            }
        }
    }

    private byte[] await(Future<byte[]> decoding) throws IOException {
        try {
            return decoding.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + snapshot);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                // rethrown with the reader's stack, keeping the decode thread's as the cause
                throw new IOException(io.getMessage(), io);
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("decoding a chunk of " + snapshot + " failed", cause);
        }
    }
}
