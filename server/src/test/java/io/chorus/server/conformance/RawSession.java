package io.chorus.server.conformance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.proto.ConnectRequest;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.RequestHeader;
import org.apache.zookeeper.proto.WatcherEvent;

/**
 * A session spoken over a plain socket in the client protocol (length-prefixed jute records), for what the stock
 * client will not do: send a path its own validation rejects, or go silent without closing the session (it never
 * pings, so the server must expire it). Closing it closes the socket without a closeSession request.
 */
final class RawSession implements AutoCloseable {

    /** Bound on waiting for any one reply, so a server that never answers fails the scenario. */
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    /** Largest frame accepted from the server (ZooKeeper's default jute.maxbuffer). */
    private static final int FRAME_BYTES_MAX = 0xfffff;
    private static final int NOTIFICATION_XID = -1;
    private static final int PING_XID = -2;
    private static final int PASSWORD_BYTES = 16;
    /** Notifications and pings accepted while waiting for one reply, so a server that floods them fails the call. */
    private static final int FRAMES_BEFORE_REPLY_MAX = 10_000;
    /** A reply header: xid (int), zxid (long), err (int). */
    private static final int REPLY_HEADER_BYTES = 4 + 8 + 4;

    /** A reply: the result code, the zxid the server stamped it with, and the undecoded body. */
    record Reply(int err, long zxid, byte[] body) {
        <T extends Record> T decode(T into) throws IOException {
            into.deserialize(BinaryInputArchive.getArchive(new ByteArrayInputStream(body)), "body");
            return into;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final List<WatcherEvent> notifications = new ArrayList<>();
    private ConnectResponse session;
    private int nextXid = 1;

    private RawSession(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    /** Opens a new session asking for {@code sessionTimeoutMillis}. */
    static RawSession open(InetSocketAddress server, int sessionTimeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(server, READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            RawSession raw = new RawSession(socket);
            raw.handshake(new ConnectRequest(0, 0, sessionTimeoutMillis, 0, new byte[PASSWORD_BYTES], false));
            return raw;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void handshake(ConnectRequest request) throws IOException {
        writeFrame(request, null);
        ConnectResponse response = new ConnectResponse();
        response.deserialize(BinaryInputArchive.getArchive(new ByteArrayInputStream(readFrame())), "connect");
        if (response.getTimeOut() <= 0) {
            throw new IOException("server refused the session (negotiated timeout " + response.getTimeOut() + ")");
        }
        session = response;
    }

    long sessionId() {
        return session.getSessionId();
    }

    byte[] password() {
        return session.getPasswd().clone();
    }

    int negotiatedTimeoutMillis() {
        return session.getTimeOut();
    }

    /** The watch notifications received so far, in arrival order (they are read while waiting for replies). */
    List<WatcherEvent> notifications() {
        return List.copyOf(notifications);
    }

    /** Sends one request and returns its reply; notifications that come first are kept, ping replies skipped. */
    Reply call(int opCode, Record request) throws IOException {
        int xid = nextXid++;
        writeFrame(new RequestHeader(xid, opCode), request);
        for (int frames = 0; frames < FRAMES_BEFORE_REPLY_MAX; frames++) {
            byte[] frame = readFrame();
            BinaryInputArchive archive = BinaryInputArchive.getArchive(new ByteArrayInputStream(frame));
            ReplyHeader header = new ReplyHeader();
            header.deserialize(archive, "header");
            if (header.getXid() == NOTIFICATION_XID) {
                WatcherEvent event = new WatcherEvent();
                event.deserialize(archive, "event");
                notifications.add(event);
                continue;
            }
            if (header.getXid() == PING_XID) {
                continue;
            }
            if (header.getXid() != xid) {
                throw new IOException("reply for xid " + header.getXid() + " while waiting for " + xid);
            }
            byte[] body = Arrays.copyOfRange(frame, REPLY_HEADER_BYTES, frame.length);
            return new Reply(header.getErr(), header.getZxid(), body);
        }
        throw new IOException("no reply to xid " + xid + " among " + FRAMES_BEFORE_REPLY_MAX + " frames");
    }

    private void writeFrame(Record first, Record second) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryOutputArchive archive = BinaryOutputArchive.getArchive(bytes);
        first.serialize(archive, "header");
        if (second != null) {
            second.serialize(archive, "request");
        }
        out.writeInt(bytes.size());
        bytes.writeTo(out);
        out.flush();
    }

    private byte[] readFrame() throws IOException {
        int length = in.readInt();
        if (length < 0 || length > FRAME_BYTES_MAX) {
            throw new IOException("frame of " + length + " bytes is outside 0.." + FRAME_BYTES_MAX);
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        return frame;
    }

    /** Drops the connection without closing the session: the server must expire it after its timeout. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
