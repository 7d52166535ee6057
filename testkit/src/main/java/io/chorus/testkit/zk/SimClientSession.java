package io.chorus.testkit.zk;

import io.chorus.client.wire.OpCode;
import io.chorus.server.net.ConnectPacket;
import io.chorus.server.net.ConnectReplyPacket;
import io.chorus.server.net.ReplyPacket;
import io.chorus.server.net.RequestPacket;
import io.chorus.testkit.sim.Simulation;
import java.util.List;

/**
 * One simulated client's connection and session, kept as the stock client keeps them: it connects to a server
 * that serves (which one is the workload's choice), resumes its session with id and password, pings when idle,
 * starts a new session when the old one expired, and reconnects after a back-off when the connection closes.
 * What it sends and how it reads the answers are the workload's ({@link ZkClients}, {@link ReadWorkloadClients}).
 */
abstract class SimClientSession implements SimClientChannel.ClientEnd {
    static final int SESSION_TIMEOUT_MILLIS = 4_000;
    static final long LINK_DELAY_MILLIS = 1;
    static final long RECONNECT_BACKOFF_MILLIS = 50;
    private static final int PASSWORD_BYTES = 16;

    final Simulation sim;
    final int index;
    private final NodeServices services;
    private final SimClientChannel.LinkDelay link;
    long session;
    byte[] password = new byte[PASSWORD_BYTES];
    long lastZxidSeen;
    int nextXid = 1;
    SimClientChannel channel;
    boolean connected;
    private boolean connecting;
    private long lastSentMillis;

    SimClientSession(Simulation sim, int index, NodeServices services, SimClientChannel.LinkDelay link) {
        this.sim = sim;
        this.index = index;
        this.services = services;
        this.link = link;
    }

    /** The workload stopped: no new operations. */
    abstract boolean stopped();

    /** Nothing outstanding: the next operation may go. */
    abstract boolean idle();

    /** Sends the next operation. */
    abstract void issue();

    /** The server to connect to among those that serve now, or -1 when none does. */
    abstract int chooseServer();

    /** The session is established on the new connection ({@code newSession}: not the one it had). */
    abstract void established(boolean newSession);

    /** A reply or notification on the current connection; {@link #lastZxidSeen} is the workload's to advance. */
    abstract void replied(ReplyPacket reply);

    /** The connection closed with an operation perhaps outstanding: account for it. */
    abstract void lost();

    /** The next step of the loop: connect when not connected, else send an operation when idle. */
    final void next() {
        if (stopped()) {
            return;
        }
        if (!connected) {
            if (!connecting) {
                connect();
            }
            return;
        }
        if (idle()) {
            issue();
        }
    }

    private void connect() {
        int node = chooseServer();
        if (node < 0) {
            sim.after(RECONNECT_BACKOFF_MILLIS, this::next);
            return;
        }
        ConnectPacket packet = new ConnectPacket(0, lastZxidSeen, SESSION_TIMEOUT_MILLIS, session, password, false);
        channel = services.get(node).connect(this, index, packet, link);
        connecting = channel != null;
        lastSentMillis = sim.now();
        if (!connecting) {
            sim.after(RECONNECT_BACKOFF_MILLIS, this::next);
        }
    }

    final void pingIfIdle() {
        if (connected && sim.now() - lastSentMillis >= SESSION_TIMEOUT_MILLIS / 3) {
            send(RequestPacket.of(OpCode.XID_PING, OpCode.PING, null));
        }
    }

    final void send(RequestPacket packet) {
        lastSentMillis = sim.now();
        services.get(channel.serverId()).request(channel, packet, link);
    }

    /** Forgets the session: the next connection starts a new one. */
    final void endSession() {
        session = 0;
        password = new byte[PASSWORD_BYTES];
    }

    @Override
    public final void received(SimClientChannel from, List<Object> packets) {
        if (from != channel) {
            return; // an old connection's last words
        }
        for (Object packet : packets) {
            if (packet instanceof ConnectReplyPacket reply) {
                connectReplied(reply);
            } else if (packet instanceof ReplyPacket reply) {
                replied(reply);
            }
        }
    }

    private void connectReplied(ConnectReplyPacket reply) {
        connecting = false;
        if (reply.closeAfter() || reply.response().getTimeOut() <= 0) {
            endSession(); // it expired while this client was away; the server closes, closed() reconnects
            return;
        }
        long id = reply.response().getSessionId();
        boolean newSession = session != id;
        session = id;
        password = reply.response().getPasswd();
        connected = true;
        established(newSession);
    }

    @Override
    public final void closed(SimClientChannel from, String reason) {
        if (from != channel) {
            return;
        }
        channel = null;
        connected = false;
        connecting = false;
        lost();
        sim.after(RECONNECT_BACKOFF_MILLIS, this::next);
    }
}
