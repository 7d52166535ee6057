package io.chorus.server.net;

import org.apache.zookeeper.proto.ConnectResponse;

/** The answer to a ConnectPacket; {@code closeAfter} when the session was refused (timeout 0). */
public record ConnectReplyPacket(ConnectResponse response, boolean closeAfter) {
}
