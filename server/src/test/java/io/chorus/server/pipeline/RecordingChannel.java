package io.chorus.server.pipeline;

import io.chorus.server.net.ClientChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** A connection that keeps what it is sent, and whether and why it was closed. */
final class RecordingChannel implements ClientChannel {
    final List<Object> written = new ArrayList<>();
    private long sessionId;
    private boolean open = true;
    String closedBecause;

    @Override
    public void write(Object packet) {
        written.add(packet);
    }

    @Override
    public void flush() {
    }

    @Override
    public void replied() {
    }

    @Override
    public void close(String reason) {
        open = false;
        closedBecause = reason;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public InetSocketAddress remote() {
        return new InetSocketAddress("127.0.0.1", 40_000);
    }

    @Override
    public long sessionId() {
        return sessionId;
    }

    @Override
    public void sessionId(long id) {
        sessionId = id;
    }
}
