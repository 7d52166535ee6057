package io.chorus.server.peer;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of a {@link PeerTransport}.
 *
 * @param frameBytesMax the largest message (codec bytes) sent or accepted; it must hold a whole state snapshot
 *         message. One above {@link PeerFrames#CHUNK_BYTES} travels as chunk frames, joined by the receiver.
 * @param sendQueueBytesMax bytes of small messages written to one connection but not yet handed to the socket; a
 *         send that would go above closes that connection and drops the message, so a slow peer cannot exhaust
 *         memory (a chunked message, a snapshot, is not counted: it is one message the protocol chose to send)
 * @param reconnectMin the first delay before dialing again after a connection fails or closes
 * @param reconnectMax the delay the exponential backoff stops growing at
 * @param connectTimeout how long a dial, and then the handshake on a new connection, may take
 */
public record PeerTransportLimits(int frameBytesMax, long sendQueueBytesMax, Duration reconnectMin,
        Duration reconnectMax, Duration connectTimeout) {
    public static final int FRAME_BYTES_MAX_DEFAULT = 256 << 20;
    public static final long SEND_QUEUE_BYTES_MAX_DEFAULT = 64L << 20;
    public static final Duration RECONNECT_MIN_DEFAULT = Duration.ofMillis(50);
    public static final Duration RECONNECT_MAX_DEFAULT = Duration.ofSeconds(1);
    public static final Duration CONNECT_TIMEOUT_DEFAULT = Duration.ofSeconds(5);
    /** Room for the 4-byte length prefix within an int. */
    static final int FRAME_BYTES_LIMIT = Integer.MAX_VALUE - 4;

    public PeerTransportLimits {
        Objects.requireNonNull(reconnectMin, "reconnectMin");
        Objects.requireNonNull(reconnectMax, "reconnectMax");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (frameBytesMax <= 0 || frameBytesMax > FRAME_BYTES_LIMIT) {
            throw new IllegalArgumentException(
                    "frameBytesMax must be in 1.." + FRAME_BYTES_LIMIT + ": " + frameBytesMax);
        }
        if (sendQueueBytesMax <= 0) {
            throw new IllegalArgumentException("sendQueueBytesMax must be positive: " + sendQueueBytesMax);
        }
        if (reconnectMin.toMillis() <= 0 || reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException(
                    "need 0 < reconnectMin <= reconnectMax: " + reconnectMin + ", " + reconnectMax);
        }
        if (connectTimeout.toMillis() <= 0) {
            throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
        }
    }

    public static PeerTransportLimits defaults() {
        return new PeerTransportLimits(FRAME_BYTES_MAX_DEFAULT, SEND_QUEUE_BYTES_MAX_DEFAULT, RECONNECT_MIN_DEFAULT,
                RECONNECT_MAX_DEFAULT, CONNECT_TIMEOUT_DEFAULT);
    }

    public PeerTransportLimits withFrameBytesMax(int bytes) {
        return new PeerTransportLimits(bytes, sendQueueBytesMax, reconnectMin, reconnectMax, connectTimeout);
    }

    public PeerTransportLimits withSendQueueBytesMax(long bytes) {
        return new PeerTransportLimits(frameBytesMax, bytes, reconnectMin, reconnectMax, connectTimeout);
    }

    public PeerTransportLimits withReconnect(Duration min, Duration max) {
        return new PeerTransportLimits(frameBytesMax, sendQueueBytesMax, min, max, connectTimeout);
    }

    public PeerTransportLimits withConnectTimeout(Duration timeout) {
        return new PeerTransportLimits(frameBytesMax, sendQueueBytesMax, reconnectMin, reconnectMax, timeout);
    }
}
