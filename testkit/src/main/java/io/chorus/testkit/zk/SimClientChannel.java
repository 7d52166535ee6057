package io.chorus.testkit.zk;

import io.chorus.server.net.ClientChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated client's connection to one server, as the server's request pipeline sees it: what the
 * pipeline writes reaches the client one link delay after each flush, in order, and a close reaches it
 * the same way. Lives on the simulator's thread.
 */
final class SimClientChannel implements ClientChannel {
    /** The client end of the connection: where packets and the close arrive. */
    interface ClientEnd {
        void received(SimClientChannel channel, List<Object> packets);

        void closed(SimClientChannel channel, String reason);
    }

    private final ClientEnd client;
    private final int clientIndex;
    private final int serverId;
    private final LinkDelay link;
    private final List<Object> unflushed = new ArrayList<>();
    private boolean open = true;
    private long sessionId;

    /** Schedules an action one client-link delay from now, in the order asked. */
    interface LinkDelay {
        void after(Runnable action);
    }

    SimClientChannel(ClientEnd client, int clientIndex, int serverId, LinkDelay link) {
        this.client = client;
        this.clientIndex = clientIndex;
        this.serverId = serverId;
        this.link = link;
    }

    int serverId() {
        return serverId;
    }

    @Override
    public void write(Object packet) {
        if (open) {
            unflushed.add(packet);
        }
    }

    @Override
    public void flush() {
        if (unflushed.isEmpty()) {
            return;
        }
        List<Object> packets = List.copyOf(unflushed);
        unflushed.clear();
        link.after(() -> client.received(this, packets));
    }

    @Override
    public void replied() {
        // no flow control on a simulated link
    }

    @Override
    public void close(String reason) {
        flush();
        if (open) {
            open = false;
            link.after(() -> client.closed(this, reason));
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public InetSocketAddress remote() {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) clientIndex}), 40_000);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a literal address cannot be unknown", e);
        }
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
