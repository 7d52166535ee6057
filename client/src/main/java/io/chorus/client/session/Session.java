package io.chorus.client.session;

import io.chorus.api.ChorusException;
import io.chorus.api.Code;
import io.chorus.api.EventType;
import io.chorus.api.KeeperState;
import io.chorus.api.ReadConsistency;
import io.chorus.api.WatchedEvent;
import io.chorus.client.ClientConfig;
import io.chorus.client.ConnectFailedException;
import io.chorus.client.call.Call;
import io.chorus.client.call.OperationCalls;
import io.chorus.client.call.RecordBytes;
import io.chorus.client.event.EventDispatcher;
import io.chorus.client.transport.ChannelSetup;
import io.chorus.client.transport.OutboundPacket;
import io.chorus.client.transport.TransportListener;
import io.chorus.client.watch.WatchRegistry;
import io.chorus.client.wire.OpCode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleState;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.apache.jute.InputArchive;
import org.apache.zookeeper.proto.ConnectRequest;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.SetWatches2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's session with the ensemble and the one connection that carries it. Everything here runs on one
 * Netty event loop, so the state needs no locks: public methods only hand work to that loop.
 *
 * <p>Lifecycle: connect to a server, send ConnectRequest (with the session id and password once there is a
 * session), and on the answer present the credentials again and re-register the watches (setWatches2, relative
 * to the last zxid seen). Calls are written with increasing xids; replies must come back in the same order, and
 * one that does not drops the connection. A lost connection fails the calls in flight with CONNECTIONLOSS,
 * tells every watcher DISCONNECTED, and starts reconnecting to the next server with backoff. While there is no
 * connection, calls fail at once with CONNECTIONLOSS (they are not queued). A server answering the handshake
 * with timeout 0 means the session expired: EXPIRED is delivered and every later call fails with SESSIONEXPIRED.
 */
public final class Session implements TransportListener {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    /** The only protocol version ZooKeeper clients send. */
    private static final int PROTOCOL_VERSION = 0;
    private static final int PASSWORD_BYTES = 16;
    private static final byte[] NO_BODY = new byte[0];

    private final ClientConfig config;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final WatchRegistry watches;
    private final EventDispatcher events;
    private final OperationCalls calls;
    private final ServerRotation servers;
    private final ReplyRouter router;
    private final List<AuthCredential> credentials = new ArrayList<>();
    private final CompletableFuture<Void> established = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private SessionState state = SessionState.CONNECTING;
    /** The connection being set up or in use; null between attempts and once the session is over. */
    private Channel channel;
    private ScheduledFuture<?> attemptTimeout;
    private ScheduledFuture<?> establishDeadline;
    private ScheduledFuture<?> closeTimeout;
    private volatile long sessionId;
    private volatile int negotiatedTimeoutMillis;
    private volatile boolean connected;
    private byte[] password = new byte[PASSWORD_BYTES];
    private int nextXid = 1;
    private int failedAttempts;
    /** Why the current connection is being closed, when this side closes it; null while it is up. */
    private String closeReason;
    /** What went wrong last, for the error of a connect that never succeeds. */
    private String lastFailure = "no attempt finished";

    public Session(ClientConfig config, EventLoop loop, WatchRegistry watches, EventDispatcher events,
            OperationCalls calls, RandomGenerator random) {
        this.config = config;
        this.loop = loop;
        this.watches = watches;
        this.events = events;
        this.calls = calls;
        this.router = new ReplyRouter(watches, events);
        this.servers = new ServerRotation(config.servers(), config.reconnectBackoffMinMillis(),
                config.reconnectBackoffMaxMillis(), random);
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.connectAttemptTimeoutMillis())
                .handler(new ChannelSetup(this, config.maxPacketBytes()));
    }

    /**
     * Starts connecting. The future completes (on the connection's thread) once a session is established, or
     * fails with ConnectFailedException when none is within connectTimeoutMillis; the session is then closed.
     */
    public CompletableFuture<Void> start() {
        loop.execute(() -> {
            establishDeadline = loop.schedule(this::giveUpEstablishing, config.connectTimeoutMillis(),
                    TimeUnit.MILLISECONDS);
            connectNext();
        });
        return established;
    }

    /** Sends the call, or fails it at once when there is no session connection. */
    public void submit(Call<?> call) {
        runOnLoop(() -> send(call), call);
    }

    /** Sends credentials and keeps them to present again after every reconnect. */
    public void submitAuth(String scheme, byte[] auth, Call<Void> call) {
        AuthCredential credential = new AuthCredential(scheme, auth);
        runOnLoop(() -> sendAuth(credential, call), call);
    }

    /**
     * Closes the session: sends closeSession and waits (up to closeTimeoutMillis) for the server to confirm,
     * then closes the connection. The future completes on the connection's thread.
     */
    public CompletableFuture<Void> close() {
        try {
            loop.execute(this::beginClose);
        } catch (RejectedExecutionException e) {
            closed.complete(null);
        }
        return closed;
    }

    public long sessionId() {
        return sessionId;
    }

    public int negotiatedTimeoutMillis() {
        return negotiatedTimeoutMillis;
    }

    public boolean isConnected() {
        return connected;
    }

    private void runOnLoop(Runnable task, Call<?> call) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            call.fail(SessionState.CLOSED.refusal(), events);
        }
    }

    // ---- sending ----

    private void send(Call<?> call) {
        if (state != SessionState.CONNECTED) {
            call.fail(state.refusal(), events);
            return;
        }
        if (router.inFlightCount() >= config.maxInFlightRequests()) {
            call.fail(Code.THROTTLEDOP, events);
            return;
        }
        write(call, takeXid());
    }

    private void write(Call<?> call, int xid) {
        Channel ch = channel;
        assert ch != null : "writing without a connection";
        router.sent(xid, call);
        ch.writeAndFlush(OutboundPacket.request(xid, call.opCode(), call.body())).addListener(closeOnFailure(ch));
        if (config.requestTimeoutMillis() > 0) {
            call.setTimeout(loop.schedule(() -> requestTimedOut(ch, call), config.requestTimeoutMillis(),
                    TimeUnit.MILLISECONDS));
        }
    }

    private void sendAuth(AuthCredential credential, Call<Void> call) {
        if (state != SessionState.CONNECTED) {
            call.fail(state.refusal(), events);
            return;
        }
        credentials.add(credential);
        writeAuth(call);
    }

    private void writeAuth(Call<?> call) {
        router.sentAuth(call);
        channel.writeAndFlush(OutboundPacket.request(OpCode.XID_AUTH, OpCode.AUTH, call.body()))
                .addListener(closeOnFailure(channel));
    }

    private int takeXid() {
        int xid = nextXid;
        // Wrap before the negative xids, which the protocol reserves for pings, notifications and the like.
        nextXid = nextXid == Integer.MAX_VALUE ? 1 : nextXid + 1;
        return xid;
    }

    private ChannelFutureListener closeOnFailure(Channel ch) {
        return written -> {
            if (!written.isSuccess()) {
                drop(ch, "write failed: " + written.cause());
            }
        };
    }

    // ---- connecting ----

    private void connectNext() {
        if (state != SessionState.CONNECTING || channel != null) {
            return;
        }
        InetSocketAddress server = servers.next();
        String name = ServerRotation.name(server);
        closeReason = null;
        ChannelFuture connecting = bootstrap.connect(server);
        Channel ch = connecting.channel();
        channel = ch;
        attemptTimeout = loop.schedule(() -> {
            if (channel == ch && state == SessionState.CONNECTING) {
                drop(ch, "no session handshake with " + name + " within connectAttemptTimeoutMillis "
                        + config.connectAttemptTimeoutMillis());
            }
        }, config.connectAttemptTimeoutMillis(), TimeUnit.MILLISECONDS);
        connecting.addListener(done -> {
            if (!done.isSuccess() && channel == ch) {
                if (closeReason == null) {
                    closeReason = "connecting to " + name + ": " + done.cause();
                }
                LOG.debug("{}", closeReason);
                connectionLost(ch);
            }
        });
    }

    @Override
    public void onActive(Channel ch) {
        if (ch != channel) {
            return;
        }
        ConnectRequest request = new ConnectRequest(PROTOCOL_VERSION, router.lastZxidSeen(),
                config.sessionTimeoutMillis(), sessionId, password, false);
        ch.writeAndFlush(OutboundPacket.handshake(RecordBytes.of(request))).addListener(closeOnFailure(ch));
    }

    @Override
    public void onConnectResponse(Channel ch, ConnectResponse response) {
        if (ch != channel) {
            return;
        }
        cancel(attemptTimeout);
        if (response.getTimeOut() <= 0) {
            expired(ch);
            return;
        }
        if (sessionId != 0 && response.getSessionId() != sessionId) {
            drop(ch, "server answered with session 0x" + Long.toHexString(response.getSessionId())
                    + " to a request to resume 0x" + Long.toHexString(sessionId));
            return;
        }
        boolean resumed = sessionId != 0;
        sessionId = response.getSessionId();
        password = response.getPasswd() == null ? new byte[PASSWORD_BYTES] : response.getPasswd();
        int timeoutMillis = response.getTimeOut();
        negotiatedTimeoutMillis = timeoutMillis;
        state = SessionState.CONNECTED;
        connected = true;
        failedAttempts = 0;
        // ZooKeeper's client: give up on a server silent for 2/3 of the timeout, ping after 1/3 without sending.
        ChannelSetup.watchIdleness(ch, Math.max(1, timeoutMillis * 2L / 3), Math.max(1, timeoutMillis / 3L));
        LOG.info("session 0x{} {} with {} (timeout {} ms)", Long.toHexString(sessionId),
                resumed ? "resumed" : "established", ch.remoteAddress(), timeoutMillis);
        for (AuthCredential c : credentials) {
            writeAuth(calls.auth(c.scheme(), c.auth()));
        }
        if (config.readConsistency() != null) {
            // before any read this connection carries: the server's default holds until it arrives
            write(readConsistencyCall(config.readConsistency()), takeXid());
        }
        for (SetWatches2 batch : WatchResetBatches.of(watches.paths(), router.lastZxidSeen())) {
            write(watchReset(batch), OpCode.XID_SET_WATCHES);
        }
        deliverState(KeeperState.SYNC_CONNECTED);
        cancel(establishDeadline);
        established.complete(null);
    }

    private Call<Void> readConsistencyCall(ReadConsistency consistency) {
        Call<Void> call = calls.setReadConsistency(consistency);
        call.future().whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warn("session 0x{}: the server refused read consistency {}: {}", Long.toHexString(sessionId),
                        consistency, failure.getMessage());
            }
        });
        return call;
    }

    private Call<Void> watchReset(SetWatches2 batch) {
        return new Call<>(OpCode.SET_WATCHES2, RecordBytes.of(batch), null, (code, in) -> {
            if (code != Code.OK) {
                LOG.warn("session 0x{}: re-registering watches failed with {}", Long.toHexString(sessionId), code);
            }
            return null;
        });
    }

    private void expired(Channel ch) {
        LOG.warn("session 0x{} expired (told by {})", Long.toHexString(sessionId), ch.remoteAddress());
        state = SessionState.EXPIRED;
        endConnection(Code.SESSIONEXPIRED);
        deliverState(KeeperState.EXPIRED);
        established.completeExceptionally(new ChorusException(Code.SESSIONEXPIRED));
    }

    private void giveUpEstablishing() {
        if (established.isDone()) {
            return;
        }
        established.completeExceptionally(new ConnectFailedException("no session established with "
                + servers.names() + " within connectTimeoutMillis " + config.connectTimeoutMillis()
                + "; last failure: " + lastFailure));
        finishClose();
    }

    // ---- receiving ----

    @Override
    public void onReply(Channel ch, ReplyHeader header, InputArchive body) {
        if (ch != channel) {
            return;
        }
        ReplyRouter.Outcome outcome;
        try {
            outcome = router.route(header, body);
        } catch (ReplyRouter.ProtocolViolation e) {
            drop(ch, "protocol error: " + e.getMessage());
            return;
        }
        switch (outcome) {
            case SESSION_CLOSED -> finishClose();
            case AUTH_REFUSED -> credentialsRefused(ch);
            case NOTHING -> {
                // Routed: delivered to its call or watchers.
            }
        }
    }

    private void credentialsRefused(Channel ch) {
        LOG.warn("session 0x{}: {} refused the credentials; the client is unusable", Long.toHexString(sessionId),
                ch.remoteAddress());
        state = SessionState.AUTH_FAILED;
        endConnection(Code.AUTHFAILED);
        deliverState(KeeperState.AUTH_FAILED);
    }

    @Override
    public void onIdle(Channel ch, IdleState idle) {
        if (ch != channel || (state != SessionState.CONNECTED && state != SessionState.CLOSING)) {
            return;
        }
        if (idle == IdleState.WRITER_IDLE) {
            ch.writeAndFlush(OutboundPacket.request(OpCode.XID_PING, OpCode.PING, NO_BODY))
                    .addListener(closeOnFailure(ch));
        } else if (idle == IdleState.READER_IDLE) {
            drop(ch, "heard nothing for " + negotiatedTimeoutMillis * 2L / 3 + " ms");
        }
    }

    @Override
    public void onFailure(Channel ch, Throwable cause) {
        if (ch != channel) {
            return;
        }
        String reason = cause instanceof TooLongFrameException
                ? "a frame larger than maxPacketBytes " + config.maxPacketBytes() + " arrived ("
                        + cause.getMessage() + ")"
                : cause.toString();
        LOG.warn("dropping connection to {}: {}", ch.remoteAddress(), reason);
        closeReason = reason;
    }

    @Override
    public void onInactive(Channel ch) {
        connectionLost(ch);
    }

    // ---- losing and ending ----

    private void drop(Channel ch, String reason) {
        if (ch != channel) {
            return;
        }
        LOG.info("dropping connection to {}: {}", ch.remoteAddress(), reason);
        closeReason = reason;
        ch.close();
        // Settle now rather than when the close completes: nothing more may be sent or answered on it.
        connectionLost(ch);
    }

    private void requestTimedOut(Channel ch, Call<?> call) {
        if (ch != channel || !router.abandon(call)) {
            return;
        }
        call.fail(Code.REQUESTTIMEOUT, events);
        // Replies come in order: the later calls cannot be answered before this one, so the connection goes.
        drop(ch, "no reply to " + call + " within requestTimeoutMillis " + config.requestTimeoutMillis());
    }

    private void connectionLost(Channel ch) {
        if (ch != channel) {
            return;
        }
        channel = null;
        connected = false;
        cancel(attemptTimeout);
        lastFailure = closeReason == null ? "the server closed the connection" : closeReason;
        switch (state) {
            case CONNECTED -> {
                LOG.info("session 0x{} lost its connection: {}", Long.toHexString(sessionId), lastFailure);
                state = SessionState.CONNECTING;
                router.failAll(Code.CONNECTIONLOSS);
                deliverState(KeeperState.DISCONNECTED);
                scheduleAttempt();
            }
            case CONNECTING -> {
                failedAttempts++;
                scheduleAttempt();
            }
            case CLOSING -> finishClose();
            default -> {
                // EXPIRED, AUTH_FAILED, CLOSED: the session is over; nothing to regain.
            }
        }
    }

    private void scheduleAttempt() {
        long pauseMillis = servers.pauseMillis(failedAttempts);
        if (pauseMillis == 0) {
            loop.execute(this::connectNext);
        } else {
            loop.schedule(this::connectNext, pauseMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void beginClose() {
        switch (state) {
            case CLOSING, CLOSED -> {
                // Already on the way.
            }
            case CONNECTED -> {
                state = SessionState.CLOSING;
                write(calls.closeSession(), takeXid());
                closeTimeout = loop.schedule(() -> {
                    if (state == SessionState.CLOSING) {
                        LOG.warn("session 0x{}: no closeSession reply within closeTimeoutMillis {}",
                                Long.toHexString(sessionId), config.closeTimeoutMillis());
                        finishClose();
                    }
                }, config.closeTimeoutMillis(), TimeUnit.MILLISECONDS);
            }
            default -> finishClose();
        }
    }

    private void finishClose() {
        if (state == SessionState.CLOSED) {
            return;
        }
        boolean hadSession = sessionId != 0;
        state = SessionState.CLOSED;
        cancel(closeTimeout);
        endConnection(Code.CONNECTIONLOSS);
        if (hadSession) {
            deliverState(KeeperState.CLOSED);
        }
        established.completeExceptionally(new ConnectFailedException("the client was closed before a session "
                + "was established; last failure: " + lastFailure));
        closed.complete(null);
    }

    /** Closes the connection for good (no reconnect follows) and fails what it carried with {@code code}. */
    private void endConnection(Code code) {
        connected = false;
        cancel(attemptTimeout);
        router.failAll(code);
        if (channel != null) {
            Channel ch = channel;
            channel = null;
            ch.close();
        }
    }

    private void deliverState(KeeperState keeperState) {
        events.deliver(new WatchedEvent(EventType.NONE, keeperState, null), watches.everyWatcher());
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
