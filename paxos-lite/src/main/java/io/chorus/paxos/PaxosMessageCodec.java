package io.chorus.paxos;

import io.chorus.api.spi.StateSnapshot;
import io.chorus.paxos.PaxosMessage.Accept;
import io.chorus.paxos.PaxosMessage.Accepted;
import io.chorus.paxos.PaxosMessage.CatchUp;
import io.chorus.paxos.PaxosMessage.Commit;
import io.chorus.paxos.PaxosMessage.Forward;
import io.chorus.paxos.PaxosMessage.Heartbeat;
import io.chorus.paxos.PaxosMessage.NeedCatchUp;
import io.chorus.paxos.PaxosMessage.Prepare;
import io.chorus.paxos.PaxosMessage.Promise;
import io.chorus.paxos.PaxosMessage.ReadIndexReply;
import io.chorus.paxos.PaxosMessage.ReadIndexRequest;
import io.chorus.paxos.PaxosMessage.Reject;
import io.chorus.paxos.PaxosMessage.ToFollower;
import io.chorus.paxos.PaxosMessage.ToLeader;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of {@link PaxosMessage}s: a one-byte type, then the fields big-endian; byte arrays and entry
 * lists carry a 4-byte count. Decoding checks every length against what is left, so a malformed frame is an
 * {@link IOException} naming the problem, never a huge allocation.
 */
public final class PaxosMessageCodec {
    private static final int PREPARE = 1;
    private static final int PROMISE = 2;
    private static final int REJECT = 3;
    private static final int CATCH_UP = 4;
    private static final int ACCEPT = 5;
    private static final int ACCEPTED = 6;
    private static final int NEED_CATCH_UP = 7;
    private static final int HEARTBEAT = 8;
    private static final int FORWARD = 9;
    private static final int TO_LEADER = 10;
    private static final int READ_INDEX_REQUEST = 11;
    private static final int READ_INDEX_REPLY = 12;
    private static final int COMMIT = 13;
    private static final int TO_FOLLOWER = 14;

    private PaxosMessageCodec() {
    }

    public static byte[] encode(PaxosMessage message) {
        Writer out = new Writer(sizeHint(message));
        if (message instanceof Prepare m) {
            out.type(PREPARE).putLong(m.ballot()).putLong(m.committed());
        } else if (message instanceof Promise m) {
            out.type(PROMISE).putLong(m.ballot()).putLong(m.chosenThrough()).putLong(m.acceptedBallot())
                    .putLong(m.firstSlot()).putEntries(m.entries());
        } else if (message instanceof Reject m) {
            out.type(REJECT).putLong(m.ballot()).putLong(m.promised()).putBoolean(m.behind());
        } else if (message instanceof CatchUp m) {
            out.type(CATCH_UP).putLong(m.ballot()).putLong(m.firstSlot()).putEntries(m.entries())
                    .putLong(m.committed()).putBoolean(m.snapshot() != null);
            if (m.snapshot() != null) {
                out.putLong(m.snapshot().zxid()).putBytes(m.snapshot().bytes());
            }
        } else if (message instanceof Accept m) {
            out.type(ACCEPT).putLong(m.ballot()).putLong(m.firstSlot()).putEntries(m.entries())
                    .putLong(m.committed());
        } else if (message instanceof Accepted m) {
            out.type(ACCEPTED).putLong(m.ballot()).putLong(m.through()).putLong(m.round());
        } else if (message instanceof NeedCatchUp m) {
            out.type(NEED_CATCH_UP).putLong(m.ballot()).putLong(m.committed()).putLong(m.last());
        } else if (message instanceof Heartbeat m) {
            out.type(HEARTBEAT).putLong(m.ballot()).putLong(m.committed()).putLong(m.round());
        } else if (message instanceof Commit m) {
            out.type(COMMIT).putLong(m.ballot()).putLong(m.committed());
        } else if (message instanceof Forward m) {
            out.type(FORWARD).putBytes(m.payload());
        } else if (message instanceof ToLeader m) {
            out.type(TO_LEADER).putBytes(m.bytes());
        } else if (message instanceof ToFollower m) {
            out.type(TO_FOLLOWER).putBytes(m.bytes());
        } else if (message instanceof ReadIndexRequest m) {
            out.type(READ_INDEX_REQUEST).putLong(m.token());
        } else if (message instanceof ReadIndexReply m) {
            out.type(READ_INDEX_REPLY).putLong(m.token()).putLong(m.slot());
        } else {
            throw new IllegalArgumentException("unknown paxos-lite message " + message);
        }
        return out.toByteArray();
    }

    public static PaxosMessage decode(byte[] frame) throws IOException {
        if (frame.length == 0) {
            throw new IOException("empty paxos-lite message");
        }
        ByteBuffer in = ByteBuffer.wrap(frame);
        int type = in.get();
        try {
            PaxosMessage message = switch (type) {
                case PREPARE -> new Prepare(in.getLong(), in.getLong());
                case PROMISE -> new Promise(in.getLong(), in.getLong(), in.getLong(), in.getLong(), entries(in));
                case REJECT -> new Reject(in.getLong(), in.getLong(), bool(in));
                case CATCH_UP -> {
                    long ballot = in.getLong();
                    long firstSlot = in.getLong();
                    List<byte[]> entries = entries(in);
                    long committed = in.getLong();
                    StateSnapshot snapshot = bool(in) ? snapshot(in) : null;
                    yield new CatchUp(ballot, firstSlot, entries, snapshot, committed);
                }
                case ACCEPT -> new Accept(in.getLong(), in.getLong(), entries(in), in.getLong());
                case ACCEPTED -> new Accepted(in.getLong(), in.getLong(), in.getLong());
                case NEED_CATCH_UP -> new NeedCatchUp(in.getLong(), in.getLong(), in.getLong());
                case HEARTBEAT -> new Heartbeat(in.getLong(), in.getLong(), in.getLong());
                case COMMIT -> new Commit(in.getLong(), in.getLong());
                case FORWARD -> new Forward(bytes(in));
                case TO_LEADER -> new ToLeader(bytes(in));
                case TO_FOLLOWER -> new ToFollower(bytes(in));
                case READ_INDEX_REQUEST -> new ReadIndexRequest(in.getLong());
                case READ_INDEX_REPLY -> new ReadIndexReply(in.getLong(), in.getLong());
                default -> throw new IOException("unknown paxos-lite message type " + type);
            };
            if (in.hasRemaining()) {
                throw new IOException(in.remaining() + " bytes left over after a paxos-lite message of type " + type);
            }
            return message;
        } catch (BufferUnderflowException e) {
            throw new IOException("paxos-lite message of type " + type + " is truncated (" + frame.length + " bytes)");
        } catch (IllegalArgumentException e) {
            throw new IOException("paxos-lite message of type " + type + " is malformed: " + e.getMessage(), e);
        } catch (IOException e) {
            if (e.getMessage().contains("paxos-lite")) {
                throw e;
            }
            throw new IOException("paxos-lite message of type " + type + " is malformed: " + e.getMessage(), e);
        }
    }

    /** Room for the fixed fields and every entry, so that a batch of values is copied once. */
    private static int sizeHint(PaxosMessage message) {
        List<byte[]> entries = message instanceof Accept m ? m.entries()
                : message instanceof CatchUp m ? m.entries()
                : message instanceof Promise m ? m.entries() : List.of();
        long bytes = 64;
        for (byte[] entry : entries) {
            bytes += Integer.BYTES + entry.length;
        }
        if (message instanceof CatchUp m && m.snapshot() != null) {
            bytes += Integer.BYTES + m.snapshot().bytes().length;
        } else if (message instanceof Forward m) {
            bytes += m.payload().length;
        } else if (message instanceof ToLeader m) {
            bytes += m.bytes().length;
        } else if (message instanceof ToFollower m) {
            bytes += m.bytes().length;
        }
        return (int) Math.min(bytes, Integer.MAX_VALUE - 8);
    }

    private static boolean bool(ByteBuffer in) throws IOException {
        byte b = in.get();
        if (b != 0 && b != 1) {
            throw new IOException("a flag byte is " + b + ", not 0 or 1");
        }
        return b == 1;
    }

    private static StateSnapshot snapshot(ByteBuffer in) throws IOException {
        long zxid = in.getLong();
        return new StateSnapshot(zxid, bytes(in));
    }

    private static byte[] bytes(ByteBuffer in) throws IOException {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IOException("a byte array of " + length + " bytes, but " + in.remaining() + " are left");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static List<byte[]> entries(ByteBuffer in) throws IOException {
        int count = in.getInt();
        // every entry takes at least its 4-byte length, so a count the frame cannot hold is refused up front
        if (count < 0 || count > in.remaining() / Integer.BYTES) {
            throw new IOException("an entry count of " + count + " with " + in.remaining() + " bytes left");
        }
        List<byte[]> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(bytes(in));
        }
        return entries;
    }

    /** A growable big-endian buffer. */
    private static final class Writer {
        private ByteBuffer buffer;

        Writer(int capacity) {
            buffer = ByteBuffer.allocate(capacity);
        }

        Writer type(int type) {
            ensure(1);
            buffer.put((byte) type);
            return this;
        }

        Writer putLong(long value) {
            ensure(Long.BYTES);
            buffer.putLong(value);
            return this;
        }

        Writer putBoolean(boolean value) {
            ensure(1);
            buffer.put((byte) (value ? 1 : 0));
            return this;
        }

        Writer putBytes(byte[] bytes) {
            ensure(Integer.BYTES + bytes.length);
            buffer.putInt(bytes.length).put(bytes);
            return this;
        }

        Writer putEntries(List<byte[]> entries) {
            ensure(Integer.BYTES);
            buffer.putInt(entries.size());
            for (byte[] entry : entries) {
                putBytes(entry);
            }
            return this;
        }

        private void ensure(int more) {
            if (buffer.remaining() < more) {
                long wanted = Math.max((long) buffer.capacity() * 2, (long) buffer.position() + more);
                if (wanted > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("a paxos-lite message above 2 GiB");
                }
                ByteBuffer bigger = ByteBuffer.allocate((int) wanted);
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
        }

        byte[] toByteArray() {
            byte[] bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
            return bytes;
        }
    }
}
