package io.chorus.server.net;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.proto.ConnectRequest;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.jute.BinaryInputArchive;

/** A client on a raw socket, for sending what no well-behaved client would. Test code only. */
final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;

    RawClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        out = new DataOutputStream(socket.getOutputStream());
        in = new DataInputStream(socket.getInputStream());
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void sendFrame(byte[] payload) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    static byte[] encode(Record... records) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryOutputArchive archive = BinaryOutputArchive.getArchive(bytes);
        for (Record r : records) {
            r.serialize(archive, "r");
        }
        return bytes.toByteArray();
    }

    /** Connects a new session and returns the negotiated timeout. */
    int handshake() throws IOException {
        sendFrame(encode(new ConnectRequest(0, 0, 30_000, 0, new byte[16], false)));
        byte[] frame = readFrame();
        BinaryInputArchive archive = BinaryInputArchive.getArchive(new java.io.ByteArrayInputStream(frame));
        archive.readInt("protocolVersion");
        return archive.readInt("timeOut");
    }

    byte[] readFrame() throws IOException {
        int length = in.readInt();
        byte[] frame = new byte[length];
        in.readFully(frame);
        return frame;
    }

    ReplyHeader readReplyHeader() throws IOException {
        byte[] frame = readFrame();
        ReplyHeader header = new ReplyHeader();
        header.deserialize(BinaryInputArchive.getArchive(new java.io.ByteArrayInputStream(frame)), "header");
        return header;
    }

    /** True once the server has closed the connection (end of stream or reset). */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() == -1) {
                    return true;
                }
            }
        } catch (EOFException | java.net.SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
