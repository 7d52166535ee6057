package io.chorus.bench.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.BinaryOutputArchive;
import org.apache.zookeeper.proto.ConnectRequest;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.RequestHeader;

/**
 * One bare exchange in the ZooKeeper client protocol: connect, open a session, read a path, close the
 * session. The stock client waits up to a second between reconnect attempts, which would blur a measured
 * start time; this probe answers at once whether the server serves, so the poll interval is the
 * resolution. It speaks exactly what the stock client sends, so it works against either server.
 */
final class WireProbe {
    static final long NOT_SERVED = Long.MIN_VALUE;
    /** How long a TCP connect may take on loopback. */
    static final int CONNECT_TIMEOUT_MILLIS = 500;
    /**
     * How long the server may take to answer one frame before this attempt counts as not served. Short,
     * because a starting ZooKeeper sometimes accepts a connection and never answers it (the connection
     * races its database load); a served request on loopback takes a few milliseconds.
     */
    static final int READ_TIMEOUT_MILLIS = 200;
    /** ZooKeeper's default jute.maxbuffer: no reply the probe asks for comes near it. */
    static final int FRAME_BYTES_MAX = 0xfffff;

    private static final int OP_GET_DATA = 4;
    private static final int OP_CLOSE_SESSION = -11;
    private static final int ERR_NO_NODE = -101;
    private static final int SESSION_TIMEOUT_MILLIS = 30_000;

    private WireProbe() {
    }

    /**
     * The {@link System#nanoTime()} at which the server answered a read of {@code path} (or, when null,
     * granted a session), or {@link #NOT_SERVED} if it refused, closed the connection or stayed silent.
     *
     * @throws BenchException if the server serves but {@code path} does not exist
     */
    static long servedAt(String host, int port, String path) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            if (!openSession(out, in)) {
                return NOT_SERVED;
            }
            long servedNanos = path == null ? System.nanoTime() : read(out, in, path);
            if (servedNanos != NOT_SERVED) {
                closeSession(out, in);
            }
            return servedNanos;
        } catch (IOException notServing) {
            return NOT_SERVED;
        }
    }

    private static boolean openSession(DataOutputStream out, DataInputStream in) throws IOException {
        ConnectRequest request = new ConnectRequest(0, 0, SESSION_TIMEOUT_MILLIS, 0, new byte[16], false);
        send(out, (archive) -> request.serialize(archive, "connect"));
        ConnectResponse response = new ConnectResponse();
        response.deserialize(receive(in), "connect");
        return response.getTimeOut() > 0 && response.getSessionId() != 0;
    }

    private static long read(DataOutputStream out, DataInputStream in, String path) throws IOException {
        send(out, (archive) -> {
            new RequestHeader(1, OP_GET_DATA).serialize(archive, "header");
            new GetDataRequest(path, false).serialize(archive, "request");
        });
        ReplyHeader reply = new ReplyHeader();
        reply.deserialize(receive(in), "header");
        if (reply.getErr() == ERR_NO_NODE) {
            throw new BenchException("the server serves but " + path + " is missing: an acknowledged write was lost");
        }
        return reply.getErr() == 0 ? System.nanoTime() : NOT_SERVED;
    }

    /** Closes the session rather than leaving it to expire on the server during the benchmark. */
    private static void closeSession(DataOutputStream out, DataInputStream in) throws IOException {
        send(out, (archive) -> new RequestHeader(2, OP_CLOSE_SESSION).serialize(archive, "header"));
        receive(in);
    }

    private interface FrameWriter {
        void write(BinaryOutputArchive archive) throws IOException;
    }

    private static void send(DataOutputStream out, FrameWriter writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writer.write(BinaryOutputArchive.getArchive(bytes));
        out.writeInt(bytes.size());
        bytes.writeTo(out);
        out.flush();
    }

    private static BinaryInputArchive receive(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > FRAME_BYTES_MAX) {
            throw new IOException("frame of " + length + " bytes");
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        return BinaryInputArchive.getArchive(new ByteArrayInputStream(frame));
    }
}
