package io.chorus.client.transport;

import io.netty.channel.Channel;
import io.netty.handler.timeout.IdleState;
import java.io.IOException;
import org.apache.jute.InputArchive;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.ReplyHeader;

/**
 * What a connection reports, on its event loop, each call naming the channel so that the listener can ignore
 * a connection it has already given up on.
 */
public interface TransportListener {
    /** The TCP connection is up: time to send the ConnectRequest. */
    void onActive(Channel channel);

    /** The first frame: the server's answer to the ConnectRequest. */
    void onConnectResponse(Channel channel, ConnectResponse response);

    /** Any later frame: its header, and the body still to be read. IOException for a malformed body. */
    void onReply(Channel channel, ReplyHeader header, InputArchive body) throws IOException;

    /** Nothing was read (READER_IDLE) or written (WRITER_IDLE) for the configured time. */
    void onIdle(Channel channel, IdleState state);

    /** The connection failed (bad frame, I/O error); it is being closed. */
    void onFailure(Channel channel, Throwable cause);

    /** The connection is closed. */
    void onInactive(Channel channel);
}
