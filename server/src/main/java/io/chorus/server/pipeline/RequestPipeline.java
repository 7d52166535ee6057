package io.chorus.server.pipeline;

import io.chorus.api.ChorusException;
import io.chorus.api.Code;
import io.chorus.api.Id;
import io.chorus.api.ReadConsistency;
import io.chorus.api.spi.Clock;
import io.chorus.api.spi.ProposeOutcome;
import io.chorus.api.spi.RandomSource;
import io.chorus.api.spi.Role;
import io.chorus.client.wire.ConsistentReadRequest;
import io.chorus.client.wire.OpCode;
import io.chorus.client.wire.SetReadConsistencyRequest;
import io.chorus.datatree.ApplyResult;
import io.chorus.datatree.DataTree;
import io.chorus.datatree.SessionInfo;
import io.chorus.datatree.acl.AclPolicy;
import io.chorus.datatree.acl.DigestAuth;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnBody;
import io.chorus.datatree.txn.TxnHeader;
import io.chorus.datatree.watch.Notification;
import io.chorus.datatree.watch.WatchManager;
import io.chorus.server.config.ServerConfig;
import io.chorus.server.net.ClientChannel;
import io.chorus.server.net.ConnectPacket;
import io.chorus.server.net.ConnectReplyPacket;
import io.chorus.server.net.ReplyPacket;
import io.chorus.server.net.RequestPacket;
import io.chorus.server.session.SessionTouches;
import io.chorus.server.session.SessionTracker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.zookeeper.proto.AuthPacket;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.SyncRequest;
import org.apache.zookeeper.proto.SyncResponse;
import org.apache.zookeeper.proto.WatcherEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline of one server, on the driver thread: sessions and their connections, each
 * session's FIFO queue (a read waits for the same session's earlier writes; writes are pipelined),
 * proposing writes as transactions, answering them once applied, watch notifications before any
 * later reply, and session expiry as a replicated close.
 */
public final class RequestPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(RequestPipeline.class);
    /** Marks a session close the server decided on (expiry), so no client request is answered by it. */
    static final int EXPIRY_CXID = Integer.MIN_VALUE;
    private static final int PASSWORD_BYTES = 16;

    private final ServerConfig config;
    private final DataTree tree;
    private final WatchManager watches;
    private final SessionTracker tracker;
    private final Proposer proposer;
    private final Clock clock;
    private final ReadExecutor reads;
    private final SessionIds sessionIds;
    /** Session passwords: secure randomness in a server, a seeded stream in the simulator. */
    private final RandomSource passwords;
    private final Map<Long, ClientSession> sessions = new HashMap<>();
    /** Connections waiting for their CreateSession transaction to apply. */
    private final Map<Long, PendingConnect> connecting = new HashMap<>();
    /** Read barriers asked for this server's sessions (syncs, SYNC and LINEARIZABLE reads), by token. */
    private final Map<Long, ClientSession> barriers = new HashMap<>();
    /** Leading: linearizable reads other servers forwarded, waiting for their barrier, by token. */
    private final Map<Long, ForwardedFrom> leaderReads = new HashMap<>();
    /** Reads this server forwarded to the leader, by forward id. */
    private final Map<Long, ClientSession> forwardedReads = new HashMap<>();
    /** Sessions whose next reply waits for this server's tree to reach the zxid a leader answered at. */
    private final Set<ClientSession> awaitingApply = new LinkedHashSet<>();
    private final Set<ClientChannel> toFlush = new LinkedHashSet<>();
    private final Set<String> housekeepingInFlight = new HashSet<>();
    /** Sessions this server's clients kept alive since the last report to the leader (when following). */
    private final SessionTouches touches = new SessionTouches();
    /** When housekeeping last looked for containers and TTL nodes to remove; -1 before the first leading tick. */
    private long lastHousekeepingMillis = -1;
    /**
     * Barrier tokens and forward ids. A protocol's answer or a leader's reply meant for an earlier pipeline may
     * still reach this one, so numbers start where no earlier pipeline's reach: at the time, in microseconds,
     * times 65,536 (an earlier pipeline would have had to use 65,536 a microsecond).
     */
    private long nextToken;
    /** What this server is while this pipeline serves (a new role starts a new pipeline). */
    private Role role = Role.STANDALONE;

    private record PendingConnect(ClientChannel connection, int timeoutMillis, byte[] password) {
    }

    private record ForwardedFrom(int server, ForwardedReads.Read read) {
    }

    public RequestPipeline(ServerConfig config, int serverId, DataTree tree, WatchManager watches,
            SessionTracker tracker, Proposer proposer, Clock clock) {
        this(config, serverId, tree, watches, tracker, proposer, clock, RandomSource.secure());
    }

    /** As the server's, with the randomness for session passwords given (the simulator seeds it). */
    public RequestPipeline(ServerConfig config, int serverId, DataTree tree, WatchManager watches,
            SessionTracker tracker, Proposer proposer, Clock clock, RandomSource passwords) {
        this.passwords = passwords;
        this.config = config;
        this.tree = tree;
        this.watches = watches;
        this.tracker = tracker;
        this.proposer = proposer;
        this.clock = clock;
        this.reads = new ReadExecutor(tree, watches);
        this.sessionIds = new SessionIds(serverId, clock.millis());
        this.nextToken = Math.max(1, clock.nanos() / 1_000) << 16;
    }

    /** The role this pipeline serves in; LEADER and LINEARIZABLE reads depend on it. */
    public void servingAs(Role servedRole) {
        this.role = servedRole;
    }

    /** After recovery: every session in the tree gets a full timeout to reconnect, as in ZooKeeper. */
    public void restoreSessions(long nowMillis) {
        for (SessionInfo s : tree.sessions()) {
            tracker.add(s.sessionId(), s.timeoutMillis(), nowMillis);
        }
    }

    // ---- connections ----

    public void onConnect(ClientChannel connection, ConnectPacket packet, long nowMillis) {
        if (packet.lastZxidSeen() > tree.lastAppliedZxid()) {
            connection.close("client has seen zxid 0x" + Long.toHexString(packet.lastZxidSeen())
                    + " but this server's last is 0x" + Long.toHexString(tree.lastAppliedZxid()));
            return;
        }
        int timeout = Math.max(config.minSessionTimeoutMillis(),
                Math.min(config.maxSessionTimeoutMillis(), packet.timeoutMillis()));
        if (packet.sessionId() == 0) {
            long id = sessionIds.next();
            byte[] password = ByteBuffer.allocate(PASSWORD_BYTES).putLong(passwords.nextLong())
                    .putLong(passwords.nextLong()).array();
            connecting.put(id, new PendingConnect(connection, timeout, password));
            connection.sessionId(id);
            propose(new Txn(header(id, 0, List.of()), new TxnBody.CreateSession(timeout, password)));
            return;
        }
        reconnect(connection, packet, timeout, nowMillis);
    }

    private void reconnect(ClientChannel connection, ConnectPacket packet, int timeout, long nowMillis) {
        long id = packet.sessionId();
        SessionInfo info = tree.session(id);
        if (info == null || tracker.isClosing(id) || !Arrays.equals(info.password(), packet.password())) {
            String why = info == null || tracker.isClosing(id) ? "session expired" : "wrong session password";
            send(connection, new ConnectReplyPacket(new ConnectResponse(0, 0, 0, new byte[PASSWORD_BYTES], false),
                    true));
            connection.close("refused reconnect of session 0x" + Long.toHexString(id) + ": " + why);
            return;
        }
        ClientSession session = sessions.computeIfAbsent(id, k -> new ClientSession(k, timeout));
        if (session.connection != null && session.connection != connection) {
            session.connection.close("session 0x" + Long.toHexString(id) + " moved to another connection");
            session.dropQueue();
        }
        session.connection = connection;
        session.timeoutMillis = timeout;
        session.authIds.clear();
        session.authIds.add(ipId(connection));
        session.readConsistency = config.readConsistency(); // a client sets its own again on each connection
        connection.sessionId(id);
        if (!tracker.contains(id)) {
            tracker.add(id, timeout, nowMillis);
        }
        touch(id, nowMillis);
        send(connection, new ConnectReplyPacket(new ConnectResponse(0, timeout, id, info.password(), false), false));
    }

    /** Whether {@code connection}'s connect was answered: it holds an established session. */
    public boolean isEstablished(ClientChannel connection) {
        ClientSession session = sessions.get(connection.sessionId());
        return session != null && session.connection == connection;
    }

    public void onDisconnected(ClientChannel connection) {
        long id = connection.sessionId();
        connecting.remove(id);
        ClientSession session = sessions.get(id);
        if (session != null && session.connection == connection) {
            session.connection = null;
            session.dropQueue();
        }
        toFlush.remove(connection);
    }

    // ---- requests ----

    public void onRequest(ClientChannel connection, RequestPacket packet, long nowMillis) {
        ClientSession session = sessions.get(connection.sessionId());
        if (session == null || session.connection != connection) {
            connection.close("request before the session was established");
            return;
        }
        touch(session.sessionId, nowMillis);
        if (packet.type() == OpCode.AUTH && packet.decodeError() == null) {
            // ZooKeeper answers auth at once, outside the session's queue.
            authenticate(session, packet);
            return;
        }
        session.queue.add(admit(session, packet));
        drain(session);
    }

    private PendingRequest admit(ClientSession session, RequestPacket packet) {
        int type = packet.type();
        if (packet.decodeError() != null) {
            LOG.warn("Session 0x{}: {}", Long.toHexString(session.sessionId), packet.decodeError());
            return answered(packet, Code.MARSHALLINGERROR);
        }
        if (type == OpCode.PING) {
            return answered(packet, Code.OK);
        }
        if (type == OpCode.CHORUS_SET_READ_CONSISTENCY) {
            session.readConsistency = ((SetReadConsistencyRequest) packet.body()).consistency();
            return answered(packet, Code.OK);
        }
        if (ReadExecutor.isRead(type)) {
            PendingRequest p = new PendingRequest(packet, PendingRequest.Kind.READ);
            p.consistency = packet.consistency() != null ? packet.consistency()
                    : ConsistentReadRequest.takesConsistency(type) ? session.readConsistency : ReadConsistency.LOCAL;
            return p;
        }
        if (type == OpCode.SYNC) {
            PendingRequest p = new PendingRequest(packet, PendingRequest.Kind.AWAIT);
            p.barrierToken = nextToken++;
            barriers.put(p.barrierToken, session);
            proposer.readBarrier(p.barrierToken);
            return p;
        }
        if (type == OpCode.RECONFIG) {
            return answered(packet, Code.RECONFIGDISABLED);
        }
        if (!RequestTranslator.isWrite(type)) {
            PendingRequest p = answered(packet, Code.UNIMPLEMENTED);
            p.closeAfter = true;
            LOG.warn("Session 0x{}: unknown request type {}", Long.toHexString(session.sessionId), type);
            return p;
        }
        if (tracker.isClosing(session.sessionId)) {
            // Its close is already ordered: nothing more may be written in its name.
            return answered(packet, Code.SESSIONEXPIRED);
        }
        try {
            TxnBody body = RequestTranslator.toBody(packet);
            PendingRequest p = new PendingRequest(packet, PendingRequest.Kind.AWAIT);
            if (type == OpCode.CLOSE_SESSION) {
                p.closeAfter = true;
                tracker.markClosing(session.sessionId);
            }
            ProposeOutcome outcome = propose(new Txn(header(session.sessionId, packet.xid(), session.authIds), body));
            if (outcome == ProposeOutcome.NO_LEADER) {
                return answered(packet, Code.CONNECTIONLOSS);
            }
            return p;
        } catch (ChorusException e) {
            return answered(packet, e.code());
        }
    }

    private PendingRequest answered(RequestPacket packet, Code code) {
        PendingRequest p = new PendingRequest(packet, PendingRequest.Kind.ANSWERED);
        int xid = packet.type() == OpCode.PING ? OpCode.XID_PING : packet.xid();
        p.reply = new ReplyPacket(xid, tree.lastAppliedZxid(), code.intValue(), null);
        return p;
    }

    private void authenticate(ClientSession session, RequestPacket packet) {
        AuthPacket auth = (AuthPacket) packet.body();
        String scheme = auth.getScheme();
        if ("digest".equals(scheme) && auth.getAuth() != null) {
            String credentials = new String(auth.getAuth(), StandardCharsets.UTF_8);
            Id id = DigestAuth.digestId(credentials);
            if (!session.authIds.contains(id)) {
                session.authIds.add(id);
            }
            if (config.superDigest() != null && config.superDigest().equals(id.id())) {
                session.authIds.add(new Id("super", ""));
            }
            send(session.connection, new ReplyPacket(OpCode.XID_AUTH, 0, 0, null));
            return;
        }
        if ("ip".equals(scheme)) {
            // The ip identity comes from the connection itself; claiming one changes nothing.
            send(session.connection, new ReplyPacket(OpCode.XID_AUTH, 0, 0, null));
            return;
        }
        send(session.connection, new ReplyPacket(OpCode.XID_AUTH, 0, Code.AUTHFAILED.intValue(), null));
        session.connection.close("authentication with unsupported scheme " + scheme + " failed");
    }

    /** Answers what can be answered at the head of the session's queue, in order. */
    private void drain(ClientSession session) {
        ClientChannel connection = session.connection;
        while (!session.queue.isEmpty()) {
            PendingRequest head = session.queue.peekFirst();
            if (head.kind == PendingRequest.Kind.READ && !head.isAnswered()) {
                if (!mayRead(session, head)) {
                    return;
                }
                if (!head.isAnswered()) {
                    head.reply = head.forwarded != null ? forwardedReply(head) : reads.execute(session, head.packet,
                            this::deliver);
                }
            }
            if (!head.isAnswered()) {
                return;
            }
            session.queue.pollFirst();
            if (connection != null) {
                send(connection, head.reply);
                connection.replied();
                if (head.forwarded != null) {
                    watchAfterForwardedRead(session, head); // after the reply: the client registers its watcher then
                }
                if (head.closeAfter) {
                    connection.close(head.packet.type() == OpCode.CLOSE_SESSION ? "session closed by the client"
                            : "unknown request type " + head.packet.type());
                    session.dropQueue();
                    return;
                }
            }
        }
    }

    // ---- results of the protocol ----

    /**
     * A committed transaction was applied to the tree: notify watchers, then answer its requester, and any
     * forwarded read whose reply waited for this server's tree to catch up.
     */
    public void onApplied(long zxid, Txn txn, ApplyResult result) {
        answerApplied(zxid, txn, result);
        if (!awaitingApply.isEmpty()) {
            for (ClientSession waiting : List.copyOf(awaitingApply)) {
                awaitingApply.remove(waiting);
                drain(waiting); // puts it back if its reply still waits
            }
        }
    }

    private void answerApplied(long zxid, Txn txn, ApplyResult result) {
        if (!result.triggers().isEmpty()) {
            for (Notification n : watches.trigger(result.triggers())) {
                deliver(n, zxid);
            }
        }
        TxnHeader header = txn.header();
        TxnBody body = txn.body();
        if (body instanceof TxnBody.CreateSession cs) {
            sessionCreated(header.sessionId(), cs);
            return;
        }
        if (body instanceof TxnBody.DeleteContainer dc) {
            housekeepingInFlight.remove(dc.path());
        } else if (body instanceof TxnBody.DeleteExpiredTtl dt) {
            housekeepingInFlight.remove(dt.path());
        }
        ClientSession session = sessions.get(header.sessionId());
        if (session != null && header.cxid() != EXPIRY_CXID) {
            if (session.orphanedWrites > 0) {
                session.orphanedWrites--;
            } else {
                answerWrite(session, header.cxid(), zxid, result);
            }
        }
        if (body instanceof TxnBody.CloseSession) {
            sessionClosed(header.sessionId());
        }
    }

    /**
     * Answers the session's oldest unanswered write if this transaction is it. It may not be: a write the
     * session made through another connection (already counted as orphaned) or, in an ensemble, through
     * another server; those are answered where they were made.
     */
    private void answerWrite(ClientSession session, int cxid, long zxid, ApplyResult result) {
        for (PendingRequest p : session.queue) {
            if (p.isProposedWrite() && !p.isAnswered()) {
                if (p.packet.xid() == cxid) {
                    p.reply = WriteReplies.reply(p.packet, zxid, result);
                    drain(session);
                } else {
                    LOG.debug("Session 0x{} applied cxid {} made elsewhere", Long.toHexString(session.sessionId), cxid);
                }
                return;
            }
        }
    }

    private void sessionCreated(long sessionId, TxnBody.CreateSession cs) {
        PendingConnect pending = connecting.remove(sessionId);
        long now = clock.nanos() / 1_000_000;
        tracker.add(sessionId, cs.timeoutMillis(), now);
        if (pending == null || !pending.connection().isOpen()) {
            return;
        }
        ClientSession session = new ClientSession(sessionId, cs.timeoutMillis());
        session.readConsistency = config.readConsistency();
        session.connection = pending.connection();
        session.authIds.add(ipId(pending.connection()));
        sessions.put(sessionId, session);
        send(pending.connection(), new ConnectReplyPacket(
                new ConnectResponse(0, cs.timeoutMillis(), sessionId, cs.password(), false), false));
    }

    private void sessionClosed(long sessionId) {
        tracker.remove(sessionId);
        watches.removeSession(sessionId);
        ClientSession session = sessions.remove(sessionId);
        if (session != null && session.connection != null) {
            // The close reply (if the client asked) was sent by drain; an expired session is cut off.
            session.connection.close("session 0x" + Long.toHexString(sessionId) + " closed");
        }
    }

    public void onReadBarrier(long token) {
        ForwardedFrom forwarded = leaderReads.remove(token);
        if (forwarded != null) {
            serveForwarded(forwarded.server(), forwarded.read());
            return;
        }
        barrierAnswered(token, p -> {
            if (p.kind == PendingRequest.Kind.READ) {
                p.barrierPassed = true;
            } else {
                SyncRequest sync = (SyncRequest) p.packet.body();
                p.reply = new ReplyPacket(p.packet.xid(), tree.lastAppliedZxid(), 0, new SyncResponse(sync.getPath()));
            }
        });
    }

    /** A linearizable read's barrier was refused: this server does not lead (any longer). */
    public void onReadBarrierRefused(long token) {
        ForwardedFrom forwarded = leaderReads.remove(token);
        if (forwarded != null) {
            replyNotLeader(forwarded.server(), forwarded.read());
            return;
        }
        barrierAnswered(token, p -> p.reply = notLeader(p));
    }

    /** The request of this server's session waiting for barrier {@code token} learns the answer; its queue drains. */
    private void barrierAnswered(long token, Consumer<PendingRequest> answer) {
        ClientSession session = barriers.remove(token);
        if (session == null) {
            return; // its session's queue was dropped
        }
        for (PendingRequest p : session.queue) {
            if (p.barrierToken == token) {
                answer.accept(p);
                drain(session);
                return;
            }
        }
    }

    private void replyNotLeader(int server, ForwardedReads.Read read) {
        proposer.sendToFollower(server, ForwardedReads.encode(new ForwardedReads.Reply(read.requestId(),
                Code.CONNECTIONLOSS.intValue(), tree.lastAppliedZxid(), read.type(), null)));
    }

    // ---- read consistency ----

    private boolean leads() {
        return role == Role.LEADER || role == Role.STANDALONE;
    }

    /**
     * Whether the read at the head of its session's queue may be served now (or was answered with an error),
     * asking for its barrier or forwarding it to the leader the first time. Both start only at the head, after
     * the session's earlier writes applied here: the leader has applied them too by then, so a read it serves
     * sees them.
     */
    private boolean mayRead(ClientSession session, PendingRequest p) {
        return switch (p.consistency) {
            case LOCAL -> true;
            case SYNC -> awaitBarrier(session, p, false);
            case LEADER -> leads() || awaitLeader(session, p);
            case LINEARIZABLE -> leads() ? awaitBarrier(session, p, true) : awaitLeader(session, p);
        };
    }

    private boolean awaitBarrier(ClientSession session, PendingRequest p, boolean linearizable) {
        if (!p.started) {
            p.started = true;
            p.barrierToken = nextToken++;
            barriers.put(p.barrierToken, session);
            if (linearizable) {
                proposer.leaderReadBarrier(p.barrierToken);
            } else {
                proposer.readBarrier(p.barrierToken);
            }
        }
        return p.barrierPassed || p.isAnswered();
    }

    private boolean awaitLeader(ClientSession session, PendingRequest p) {
        if (!p.started) {
            p.started = true;
            p.forwardId = nextToken++;
            p.forwardedAtMillis = clock.nanos() / 1_000_000;
            byte[] message = ForwardedReads.encode(new ForwardedReads.Read(p.forwardId, p.consistency,
                    session.sessionId, List.copyOf(session.authIds), p.packet.type(),
                    WatchFlags.without(p.packet.body())));
            if (!proposer.sendToLeader(message)) {
                p.reply = notLeader(p);
                return true;
            }
            forwardedReads.put(p.forwardId, session);
        }
        if (p.isAnswered()) {
            return true;
        }
        if (p.forwarded == null) {
            return false;
        }
        if (tree.lastAppliedZxid() < p.forwarded.zxid()) {
            // Answered at a state this server has not applied yet: the reply waits, so that the session's next
            // read here cannot see an older state than this one did.
            awaitingApply.add(session);
            return false;
        }
        return true;
    }

    private ReplyPacket forwardedReply(PendingRequest p) {
        ForwardedReads.Reply r = p.forwarded;
        return new ReplyPacket(p.packet.xid(), r.zxid(), r.err(), r.err() == 0 ? r.body() : null);
    }

    /** The watch a forwarded read asked for, set here as of the state the leader answered from. */
    private void watchAfterForwardedRead(ClientSession session, PendingRequest p) {
        if (!WatchFlags.watches(p.packet.body())) {
            return;
        }
        String path = WatchFlags.path(p.packet.body());
        int type = p.packet.type();
        Code code = Code.of(p.forwarded.err());
        List<String> none = List.of();
        List<String> one = List.of(path);
        List<Notification> fired;
        if (code == Code.OK && (type == OpCode.GET_DATA || type == OpCode.EXISTS)) {
            fired = watches.setWatches(session.sessionId, p.forwarded.zxid(), one, none, none, none, none, tree);
        } else if (code == Code.NONODE && type == OpCode.EXISTS) {
            fired = watches.setWatches(session.sessionId, p.forwarded.zxid(), none, one, none, none, none, tree);
        } else if (code == Code.OK && (type == OpCode.GET_CHILDREN || type == OpCode.GET_CHILDREN2)) {
            fired = watches.setWatches(session.sessionId, p.forwarded.zxid(), none, none, one, none, none, tree);
        } else {
            return; // as in ZooKeeper, a read that failed leaves no watch
        }
        fired.forEach(this::deliver);
    }

    private ReplyPacket notLeader(PendingRequest p) {
        // The outcome a client retries: the leader it needs is gone or changing.
        return new ReplyPacket(p.packet.xid(), tree.lastAppliedZxid(), Code.CONNECTIONLOSS.intValue(), null);
    }

    /**
     * An application message another server (or this one) sent: a session-touch report or a read forwarded to
     * this leader, or the answer to one this server forwarded. A malformed one is logged and dropped.
     */
    public void onAppMessage(int from, byte[] message, long nowMillis) {
        try {
            switch (ForwardedReads.kind(message)) {
                case ForwardedReads.READ -> onForwardedRead(from, ForwardedReads.decodeRead(message));
                case ForwardedReads.REPLY -> onForwardedReply(ForwardedReads.decodeReply(message));
                default -> onTouchReport(from, message, nowMillis);
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("Dropping a message from server {}: {}", from, e.getMessage());
        }
    }

    private void onForwardedRead(int from, ForwardedReads.Read read) {
        if (!leads()) {
            replyNotLeader(from, read);
            return;
        }
        if (read.consistency() == ReadConsistency.LINEARIZABLE) {
            long token = nextToken++;
            leaderReads.put(token, new ForwardedFrom(from, read));
            proposer.leaderReadBarrier(token);
            return;
        }
        serveForwarded(from, read);
    }

    /** Serves a forwarded read from this leader's tree with the session's identities, setting no watch here. */
    private void serveForwarded(int from, ForwardedReads.Read read) {
        ClientSession reader = new ClientSession(read.sessionId(), 0);
        reader.authIds.addAll(read.authIds());
        ReplyPacket reply = reads.execute(reader, RequestPacket.of(0, read.type(), read.request()), n -> { });
        proposer.sendToFollower(from, ForwardedReads.encode(new ForwardedReads.Reply(read.requestId(),
                reply.header().getErr(), reply.header().getZxid(), read.type(), reply.body())));
    }

    private void onForwardedReply(ForwardedReads.Reply reply) {
        ClientSession session = forwardedReads.remove(reply.requestId());
        if (session == null) {
            return; // its session's queue was dropped, or it timed out
        }
        for (PendingRequest p : session.queue) {
            if (p.forwardId == reply.requestId()) {
                p.forwarded = reply;
                drain(session);
                return;
            }
        }
    }

    /**
     * Forwarded reads whose answer is overdue (lost with a leader) are answered CONNECTIONLOSS; those whose
     * session's queue was dropped meanwhile are forgotten.
     */
    private void expireForwardedReads(long nowMillis) {
        List<ClientSession> answered = new ArrayList<>();
        for (var it = forwardedReads.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            ClientSession session = e.getValue();
            PendingRequest waiting = session.queue.stream().filter(p -> p.forwardId == e.getKey()).findFirst()
                    .orElse(null);
            if (waiting == null) {
                it.remove();
            } else if (nowMillis - waiting.forwardedAtMillis > forwardDeadlineMillis(session)) {
                waiting.reply = notLeader(waiting);
                it.remove();
                answered.add(session);
            }
        }
        answered.forEach(this::drain); // after the loop: draining may forward the session's next read
    }

    /**
     * How long a forwarded read may wait for the leader's answer: half the session's timeout, within which the
     * client has not yet dropped the connection (the stock client gives up on a server silent for two thirds).
     */
    private static long forwardDeadlineMillis(ClientSession session) {
        return session.timeoutMillis / 2;
    }

    // ---- time ----

    /**
     * Once a tick, as this server's role asks. Following, it hands {@code toLeader} the sessions its clients
     * kept alive since the last tick (the leader alone expires sessions). Leading, or alone, it expires
     * sessions past their deadline and, every {@code containerCheckIntervalMillis}, proposes removing the
     * empty containers and expired TTL nodes that are due. Otherwise it only forgets what it touched.
     */
    public void onTick(Role role, long nowMillis, Consumer<byte[]> toLeader) {
        if (!forwardedReads.isEmpty()) {
            expireForwardedReads(clock.nanos() / 1_000_000);
        }
        byte[] report = touches.isEmpty() ? null : touches.takeReport();
        if (role == Role.FOLLOWER && report != null) {
            toLeader.accept(report);
        }
        if (role != Role.LEADER && role != Role.STANDALONE) {
            return;
        }
        for (long id : tracker.expire(nowMillis)) {
            LOG.info("Expiring session 0x{}", Long.toHexString(id));
            propose(new Txn(header(id, EXPIRY_CXID, List.of()), new TxnBody.CloseSession()));
        }
        if (lastHousekeepingMillis < 0) {
            lastHousekeepingMillis = nowMillis; // the first check is one interval after leading began
        } else if (nowMillis - lastHousekeepingMillis >= config.containerCheckIntervalMillis()) {
            lastHousekeepingMillis = nowMillis;
            for (TxnBody body : tree.housekeeping(clock.millis())) {
                String path = body instanceof TxnBody.DeleteContainer dc ? dc.path()
                        : ((TxnBody.DeleteExpiredTtl) body).path();
                if (housekeepingInFlight.add(path)) {
                    propose(new Txn(header(0, 0, List.of()), body));
                }
            }
        }
    }

    /**
     * Leading: another server (or this one) reports sessions its clients kept alive. A malformed report is
     * logged and dropped; a session this server does not track (already expired) is ignored.
     */
    private void onTouchReport(int from, byte[] report, long nowMillis) {
        List<Long> ids;
        try {
            ids = SessionTouches.read(report);
        } catch (IllegalArgumentException e) {
            LOG.warn("Dropping a session-touch report from server {}: {}", from, e.getMessage());
            return;
        }
        for (long id : ids) {
            tracker.touch(id, nowMillis);
        }
    }

    /** Flushes every connection written to since the last flush; called once per driver batch. */
    public void flush() {
        for (ClientChannel c : toFlush) {
            c.flush();
        }
        toFlush.clear();
    }

    // ---- helpers ----

    /** Keeps the session alive here, and remembers it for the leader in case this server follows one. */
    private void touch(long sessionId, long nowMillis) {
        tracker.touch(sessionId, nowMillis);
        touches.touched(sessionId);
    }

    private ProposeOutcome propose(Txn txn) {
        return proposer.propose(txn);
    }

    private TxnHeader header(long sessionId, int cxid, List<Id> authIds) {
        return new TxnHeader(sessionId, cxid, clock.millis(), authIds);
    }

    private void deliver(Notification n) {
        deliver(n, tree.lastAppliedZxid());
    }

    private void deliver(Notification n, long zxid) {
        ClientSession session = sessions.get(n.sessionId());
        if (session == null || session.connection == null) {
            return;
        }
        if (n.acl() != null && !AclPolicy.grants(n.acl(), io.chorus.api.Acl.READ, session.authIds)) {
            // As ZooKeeper 3.9.2+: a watcher hears nothing of a node it may not read.
            return;
        }
        WatcherEvent event = new WatcherEvent(n.event().type().intValue(), n.event().state().intValue(),
                n.event().path());
        send(session.connection, new ReplyPacket(OpCode.XID_NOTIFICATION, zxid, 0, event));
    }

    private void send(ClientChannel connection, Object packet) {
        connection.write(packet);
        toFlush.add(connection);
    }

    private static Id ipId(ClientChannel connection) {
        java.net.InetSocketAddress remote = connection.remote();
        String address = remote == null ? "unknown" : remote.getAddress().getHostAddress();
        return new Id("ip", address);
    }
}
