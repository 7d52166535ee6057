package io.chorus.server.peer;

import io.chorus.api.spi.PeerCodec;
import io.chorus.server.config.PeerAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.List;

/**
 * The first bytes on every peer connection. The dialer sends a {@link Hello} ({@value #HELLO_BYTES} bytes, no
 * length prefix); the acceptor checks it and answers with {@value #ANSWER_BYTES} bytes (magic, wire version,
 * {@link Answer}), then closes unless it accepted. Frames follow only after an accept.
 */
final class Handshake {
    /** "CHRP": Chorus peer. */
    static final int MAGIC = 0x43485250;
    static final short WIRE_VERSION = 2; // 2: frames carry a kind byte (whole message or chunk)
    /** magic (4), version (2), channel (1), from id (4), to id (4), ensemble fingerprint (8). */
    static final int HELLO_BYTES = 23;
    /** magic (4), version (2), answer (1). */
    static final int ANSWER_BYTES = 7;

    private Handshake() {
    }

    /** What the dialer says: who it is, whom it expects to reach, on which channel, in which ensemble. */
    record Hello(int magic, short version, byte channelCode, int fromId, int toId, long ensembleFingerprint) {
        static Hello of(PeerCodec.Channel channel, int fromId, int toId, long ensembleFingerprint) {
            return new Hello(MAGIC, WIRE_VERSION, (byte) channel.ordinal(), fromId, toId, ensembleFingerprint);
        }

        static Hello readFrom(ByteBuf in) {
            return new Hello(in.readInt(), in.readShort(), in.readByte(), in.readInt(), in.readInt(), in.readLong());
        }

        byte[] toBytes() {
            return ByteBuffer.allocate(HELLO_BYTES).putInt(magic).putShort(version).put(channelCode).putInt(fromId)
                    .putInt(toId).putLong(ensembleFingerprint).array();
        }
    }

    /** The acceptor's verdict; every refusal but a bad magic is answered before the connection closes. */
    enum Answer {
        ACCEPTED, UNSUPPORTED_VERSION, UNKNOWN_SENDER, WRONG_RECEIVER, WRONG_CHANNEL, ENSEMBLE_MISMATCH;

        static Answer ofCode(int code) {
            Answer[] all = values();
            return code >= 0 && code < all.length ? all[code] : null;
        }
    }

    static byte[] answerBytes(Answer answer) {
        return ByteBuffer.allocate(ANSWER_BYTES).putInt(MAGIC).putShort(WIRE_VERSION).put((byte) answer.ordinal())
                .array();
    }

    static ByteBuf answer(Answer answer) {
        return Unpooled.wrappedBuffer(answerBytes(answer));
    }

    static PeerCodec.Channel channelOf(int code) {
        PeerCodec.Channel[] all = PeerCodec.Channel.values();
        return code >= 0 && code < all.length ? all[code] : null;
    }

    /**
     * A hash of the ensemble sorted by id (id, host and both peer ports of each member; client ports may differ
     * between configurations without changing who talks to whom), so two servers configured with different
     * ensembles refuse to talk.
     */
    static long fingerprint(List<PeerAddress> ensemble) {
        StringBuilder text = new StringBuilder();
        ensemble.stream().sorted(Comparator.comparingInt(PeerAddress::id)).forEach(p -> text.append(p.id())
                .append('=').append(p.host()).append(':').append(p.quorumPort()).append(':')
                .append(p.electionPort()).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
