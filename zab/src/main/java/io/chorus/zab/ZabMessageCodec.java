package io.chorus.zab;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.StateSnapshot;
import io.chorus.zab.ZabMessage.Ack;
import io.chorus.zab.ZabMessage.AckEpoch;
import io.chorus.zab.ZabMessage.AckNewLeader;
import io.chorus.zab.ZabMessage.Commit;
import io.chorus.zab.ZabMessage.Diff;
import io.chorus.zab.ZabMessage.FollowerInfo;
import io.chorus.zab.ZabMessage.Forward;
import io.chorus.zab.ZabMessage.LeaderInfo;
import io.chorus.zab.ZabMessage.NewLeader;
import io.chorus.zab.ZabMessage.Notification;
import io.chorus.zab.ZabMessage.PeerState;
import io.chorus.zab.ZabMessage.Ping;
import io.chorus.zab.ZabMessage.PingReply;
import io.chorus.zab.ZabMessage.Proposal;
import io.chorus.zab.ZabMessage.Snap;
import io.chorus.zab.ZabMessage.SyncReply;
import io.chorus.zab.ZabMessage.SyncRequest;
import io.chorus.zab.ZabMessage.ToFollower;
import io.chorus.zab.ZabMessage.ToLeader;
import io.chorus.zab.ZabMessage.Trunc;
import io.chorus.zab.ZabMessage.UpToDate;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of {@link ZabMessage}s for a peer transport: a one-byte type, then the fields big-endian;
 * byte arrays and entry lists carry a 4-byte count. Decoding checks every length against what is left, so a
 * malformed frame is an {@link IOException} naming the problem, never an exception from deep inside or a huge
 * allocation.
 */
public final class ZabMessageCodec {
    private static final int NOTIFICATION = 1;
    private static final int FOLLOWER_INFO = 2;
    private static final int LEADER_INFO = 3;
    private static final int ACK_EPOCH = 4;
    private static final int DIFF = 5;
    private static final int TRUNC = 6;
    private static final int SNAP = 7;
    private static final int NEW_LEADER = 8;
    private static final int ACK_NEW_LEADER = 9;
    private static final int UP_TO_DATE = 10;
    private static final int PROPOSAL = 11;
    private static final int ACK = 12;
    private static final int COMMIT = 13;
    private static final int PING = 14;
    private static final int PING_REPLY = 15;
    private static final int FORWARD = 16;
    private static final int SYNC_REQUEST = 17;
    private static final int SYNC_REPLY = 18;
    private static final int TO_LEADER = 19;
    private static final int TO_FOLLOWER = 20;

    private ZabMessageCodec() {
    }

    public static byte[] encode(ZabMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(message, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen writing to memory", e);
        }
        return bytes.toByteArray();
    }

    private static void write(ZabMessage message, DataOutputStream out) throws IOException {
        if (message instanceof Notification m) {
            out.writeByte(NOTIFICATION);
            out.writeInt(m.leader());
            out.writeLong(m.zxid());
            out.writeLong(m.epoch());
            out.writeLong(m.round());
            out.writeByte(m.state().ordinal());
        } else if (message instanceof FollowerInfo m) {
            out.writeByte(FOLLOWER_INFO);
            out.writeLong(m.acceptedEpoch());
            out.writeLong(m.lastZxid());
        } else if (message instanceof LeaderInfo m) {
            out.writeByte(LEADER_INFO);
            out.writeLong(m.newEpoch());
        } else if (message instanceof AckEpoch m) {
            out.writeByte(ACK_EPOCH);
            out.writeLong(m.epoch());
            out.writeLong(m.currentEpoch());
            out.writeLong(m.lastZxid());
            out.writeLong(m.historyStart());
        } else if (message instanceof Diff m) {
            out.writeByte(DIFF);
            out.writeLong(m.epoch());
            writeEntries(m.entries(), out);
        } else if (message instanceof Trunc m) {
            out.writeByte(TRUNC);
            out.writeLong(m.epoch());
            out.writeLong(m.truncateAfterZxid());
            writeEntries(m.entries(), out);
        } else if (message instanceof Snap m) {
            out.writeByte(SNAP);
            out.writeLong(m.epoch());
            out.writeLong(m.snapshot().zxid());
            writeBytes(m.snapshot().bytes(), out);
            writeEntries(m.entries(), out);
        } else if (message instanceof NewLeader m) {
            out.writeByte(NEW_LEADER);
            out.writeLong(m.epoch());
            out.writeLong(m.lastZxid());
        } else if (message instanceof AckNewLeader m) {
            out.writeByte(ACK_NEW_LEADER);
            out.writeLong(m.epoch());
        } else if (message instanceof UpToDate m) {
            out.writeByte(UP_TO_DATE);
            out.writeLong(m.epoch());
            out.writeLong(m.commitZxid());
        } else if (message instanceof Proposal m) {
            out.writeByte(PROPOSAL);
            writeEntry(m.entry(), out);
        } else if (message instanceof Ack m) {
            out.writeByte(ACK);
            out.writeLong(m.epoch());
            out.writeLong(m.zxid());
        } else if (message instanceof Commit m) {
            out.writeByte(COMMIT);
            out.writeLong(m.epoch());
            out.writeLong(m.zxid());
        } else if (message instanceof Ping m) {
            out.writeByte(PING);
            out.writeLong(m.epoch());
            out.writeLong(m.commitZxid());
            out.writeLong(m.round());
        } else if (message instanceof PingReply m) {
            out.writeByte(PING_REPLY);
            out.writeLong(m.epoch());
            out.writeLong(m.round());
        } else if (message instanceof Forward m) {
            out.writeByte(FORWARD);
            writeBytes(m.payload(), out);
        } else if (message instanceof ToLeader m) {
            out.writeByte(TO_LEADER);
            writeBytes(m.bytes(), out);
        } else if (message instanceof ToFollower m) {
            out.writeByte(TO_FOLLOWER);
            writeBytes(m.bytes(), out);
        } else if (message instanceof SyncRequest m) {
            out.writeByte(SYNC_REQUEST);
            out.writeLong(m.token());
        } else if (message instanceof SyncReply m) {
            out.writeByte(SYNC_REPLY);
            out.writeLong(m.token());
            out.writeLong(m.zxid());
        } else {
            throw new IllegalArgumentException("no encoding for " + message);
        }
    }

    private static void writeBytes(byte[] bytes, DataOutputStream out) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static void writeEntry(LogEntry entry, DataOutputStream out) throws IOException {
        out.writeLong(entry.zxid());
        writeBytes(entry.payload(), out);
    }

    private static void writeEntries(List<LogEntry> entries, DataOutputStream out) throws IOException {
        out.writeInt(entries.size());
        for (LogEntry entry : entries) {
            writeEntry(entry, out);
        }
    }

    /** Decodes one whole frame; anything malformed (short, too long, bad type or value) is an IOException. */
    public static ZabMessage decode(byte[] frame) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(frame);
        ZabMessage message;
        try {
            message = read(in);
        } catch (BufferUnderflowException e) {
            throw new IOException("truncated Zab message of " + frame.length + " bytes");
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("invalid Zab message: " + e.getMessage());
        }
        if (in.hasRemaining()) {
            throw new IOException(in.remaining() + " trailing bytes after " + message.getClass().getSimpleName());
        }
        return message;
    }

    private static ZabMessage read(ByteBuffer in) throws IOException {
        int type = in.get() & 0xff;
        switch (type) {
            case NOTIFICATION: {
                int leader = in.getInt();
                long zxid = in.getLong();
                long epoch = in.getLong();
                long round = in.getLong();
                int state = in.get() & 0xff;
                if (state >= PeerState.values().length) {
                    throw new IOException("unknown peer state " + state);
                }
                return new Notification(leader, zxid, epoch, round, PeerState.values()[state]);
            }
            case FOLLOWER_INFO:
                return new FollowerInfo(in.getLong(), in.getLong());
            case LEADER_INFO:
                return new LeaderInfo(in.getLong());
            case ACK_EPOCH:
                return new AckEpoch(in.getLong(), in.getLong(), in.getLong(), in.getLong());
            case DIFF:
                return new Diff(in.getLong(), readEntries(in));
            case TRUNC:
                return new Trunc(in.getLong(), in.getLong(), readEntries(in));
            case SNAP: {
                long epoch = in.getLong();
                StateSnapshot snapshot = new StateSnapshot(in.getLong(), readBytes(in));
                return new Snap(epoch, snapshot, readEntries(in));
            }
            case NEW_LEADER:
                return new NewLeader(in.getLong(), in.getLong());
            case ACK_NEW_LEADER:
                return new AckNewLeader(in.getLong());
            case UP_TO_DATE:
                return new UpToDate(in.getLong(), in.getLong());
            case PROPOSAL:
                return new Proposal(readEntry(in));
            case ACK:
                return new Ack(in.getLong(), in.getLong());
            case COMMIT:
                return new Commit(in.getLong(), in.getLong());
            case PING:
                return new Ping(in.getLong(), in.getLong(), in.getLong());
            case PING_REPLY:
                return new PingReply(in.getLong(), in.getLong());
            case FORWARD:
                return new Forward(readBytes(in));
            case TO_LEADER:
                return new ToLeader(readBytes(in));
            case TO_FOLLOWER:
                return new ToFollower(readBytes(in));
            case SYNC_REQUEST:
                return new SyncRequest(in.getLong());
            case SYNC_REPLY:
                return new SyncReply(in.getLong(), in.getLong());
            default:
                throw new IOException("unknown Zab message type " + type);
        }
    }

    private static byte[] readBytes(ByteBuffer in) throws IOException {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IOException("byte array of " + length + " bytes with " + in.remaining() + " left");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static LogEntry readEntry(ByteBuffer in) throws IOException {
        long zxid = in.getLong();
        return new LogEntry(zxid, readBytes(in));
    }

    private static List<LogEntry> readEntries(ByteBuffer in) throws IOException {
        int count = in.getInt();
        // Each entry takes at least 12 bytes, which bounds what a lying count can make us allocate.
        if (count < 0 || count > in.remaining() / 12) {
            throw new IOException(count + " entries with " + in.remaining() + " bytes left");
        }
        List<LogEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(readEntry(in));
        }
        return entries;
    }
}
