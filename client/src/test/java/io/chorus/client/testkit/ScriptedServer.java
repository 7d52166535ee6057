package io.chorus.client.testkit;

import io.chorus.client.call.RecordBytes;
import io.chorus.client.wire.OpCode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.proto.ConnectRequest;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.ReplyHeader;

/**
 * A fake server speaking just enough of the protocol to misbehave on purpose: it accepts any session (granting
 * the timeout asked for), answers pings and closeSession, and hands every other request to a {@link Script},
 * which may answer correctly, wrongly, or not at all. For the protocol errors a real server never makes.
 */
public final class ScriptedServer implements AutoCloseable {
    /** The session id it grants. */
    public static final long SESSION_ID = 0x5eed_0001L;
    private static final int FRAME_BYTES_MAX = 16 << 20;
    private static final int SHUTDOWN_TIMEOUT_MILLIS = 5_000;

    /** What to do with a request. */
    @FunctionalInterface
    public interface Script {
        void onRequest(Request request, Replier replier) throws IOException;
    }

    public record Request(int xid, int type, byte[] body) {
    }

    /** Sends frames back on the connection the request came on. */
    public static final class Replier {
        private final Channel channel;

        Replier(Channel channel) {
            this.channel = channel;
        }

        /** A reply: header, then the record (if any). */
        public void reply(int xid, long zxid, int err, Record body) throws IOException {
            ByteBuf frame = Unpooled.buffer();
            frame.writeInt(0);
            frame.writeBytes(RecordBytes.of(new ReplyHeader(xid, zxid, err)));
            frame.writeBytes(RecordBytes.of(body));
            frame.setInt(0, frame.readableBytes() - 4);
            channel.writeAndFlush(frame);
        }

        /** A frame announcing {@code lengthBytes} bytes, followed by {@code sentBytes} zero bytes. */
        public void rawFrame(int lengthBytes, int sentBytes) {
            ByteBuf frame = Unpooled.buffer(4 + sentBytes);
            frame.writeInt(lengthBytes);
            frame.writeZero(sentBytes);
            channel.writeAndFlush(frame);
        }
    }

    private final EventLoopGroup threads = new NioEventLoopGroup(1, new DefaultThreadFactory("scripted-server", true));
    private final Script script;
    private final Channel acceptor;
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final List<Channel> connections = new CopyOnWriteArrayList<>();

    public ScriptedServer(Script script) throws InterruptedException {
        this.script = script;
        this.acceptor = new ServerBootstrap()
                .group(threads)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline()
                                .addLast(new LengthFieldBasedFrameDecoder(FRAME_BYTES_MAX, 0, 4, 0, 4))
                                .addLast(new Session());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .sync()
                .channel();
    }

    public String connectString() {
        InetSocketAddress local = (InetSocketAddress) acceptor.localAddress();
        return local.getAddress().getHostAddress() + ":" + local.getPort();
    }

    /** Every request the script saw (pings, handshakes and closeSession left out), in arrival order. */
    public List<Request> received() {
        return List.copyOf(received);
    }

    /** How many connections have been accepted. */
    public int connectionCount() {
        return connections.size();
    }

    @Override
    public void close() {
        acceptor.close().syncUninterruptibly();
        connections.forEach(Channel::close);
        threads.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    private final class Session extends SimpleChannelInboundHandler<ByteBuf> {
        private boolean handshakeDone;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) throws IOException {
            Replier replier = new Replier(ctx.channel());
            if (!handshakeDone) {
                handshakeDone = true;
                ConnectRequest request = new ConnectRequest();
                request.deserialize(new BinaryInputArchive(new ByteBufInputStream(frame)), "connect");
                ByteBuf answer = Unpooled.buffer();
                answer.writeInt(0);
                answer.writeBytes(RecordBytes.of(new ConnectResponse(0, request.getTimeOut(), SESSION_ID,
                        new byte[16], false)));
                answer.setInt(0, answer.readableBytes() - 4);
                ctx.writeAndFlush(answer);
                return;
            }
            int xid = frame.readInt();
            int type = frame.readInt();
            byte[] body = new byte[frame.readableBytes()];
            frame.readBytes(body);
            if (type == OpCode.PING) {
                replier.reply(OpCode.XID_PING, 0, 0, null);
            } else if (type == OpCode.CLOSE_SESSION) {
                replier.reply(xid, 0, 0, null);
                ctx.close();
            } else {
                Request request = new Request(xid, type, body);
                received.add(request);
                script.onRequest(request, replier);
            }
        }
    }
}
