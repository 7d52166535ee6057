package io.chorus.experiments.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.proto.ConnectRequest;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.RequestHeader;

/**
 * One session over ZooKeeper's client protocol on a blocking socket, one request at a time: the smallest client
 * that hands back each reply header's zxid (the serving server's last applied zxid), which staleness is measured
 * against and which neither stock client exposes. It speaks what the stock client sends, so it works against
 * Chorus and Apache ZooKeeper alike. Not thread-safe: one per client thread.
 */
final class WireSession implements AutoCloseable {
    static final int SESSION_TIMEOUT_MILLIS = 10_000;
    /** ZooKeeper's default jute.maxbuffer. */
    static final int FRAME_BYTES_MAX = 0xfffff;
    private static final int OP_CLOSE_SESSION = -11;

    /** A reply: its header's zxid and error code. */
    record Reply(long zxid, int err) {
    }

    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;
    private int nextXid = 1;

    private WireSession(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new DataOutputStream(socket.getOutputStream());
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Connects and opens a new session; {@code timeoutMillis} bounds the connect and every later answer. */
    static WireSession open(String host, int port, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            WireSession session = new WireSession(socket);
            ConnectRequest request = new ConnectRequest(0, 0, SESSION_TIMEOUT_MILLIS, 0, new byte[16], false);
            session.send(archive -> request.serialize(archive, "connect"));
            ConnectResponse response = new ConnectResponse();
            response.deserialize(session.receive(), "connect");
            if (response.getTimeOut() <= 0 || response.getSessionId() == 0) {
                throw new IOException("no session granted by " + host + ":" + port);
            }
            return session;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends one request and waits for its reply; {@code response} is filled when the reply is OK. */
    Reply call(int type, Record request, Record response) throws IOException {
        int xid = nextXid++;
        send(archive -> {
            new RequestHeader(xid, type).serialize(archive, "header");
            if (request != null) {
                request.serialize(archive, "request");
            }
        });
        while (true) {
            BinaryInputArchive frame = receive();
            ReplyHeader header = new ReplyHeader();
            header.deserialize(frame, "header");
            if (header.getXid() != xid) {
                continue; // a notification or a ping's answer: this client sets no watches and sends no pings
            }
            if (header.getErr() == 0 && response != null) {
                response.deserialize(frame, "response");
            }
            return new Reply(header.getZxid(), header.getErr());
        }
    }

    /** Closes the session (so the servers need not expire it) and the socket. */
    @Override
    public void close() {
        try (Socket s = socket) {
            if (!s.isClosed()) {
                s.setSoTimeout(1_000);
                send(archive -> new RequestHeader(nextXid++, OP_CLOSE_SESSION).serialize(archive, "header"));
                receive();
            }
        } catch (IOException alreadyGone) {
            // the server died or closed first: the session expires there, nothing to do here
        }
    }

    private interface FrameWriter {
        void write(BinaryOutputArchive archive) throws IOException;
    }

    private void send(FrameWriter writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writer.write(BinaryOutputArchive.getArchive(bytes));
        out.writeInt(bytes.size());
        bytes.writeTo(out);
        out.flush();
    }

    private BinaryInputArchive receive() throws IOException {
        int length = in.readInt();
        if (length < 0 || length > FRAME_BYTES_MAX) {
            throw new IOException("frame of " + length + " bytes");
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        return BinaryInputArchive.getArchive(new ByteArrayInputStream(frame));
    }
}
