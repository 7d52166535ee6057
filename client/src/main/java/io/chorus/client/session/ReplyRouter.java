package io.chorus.client.session;

import io.chorus.api.Code;
import io.chorus.api.EventType;
import io.chorus.api.KeeperState;
import io.chorus.api.WatchedEvent;
import io.chorus.api.Watcher;
import io.chorus.client.call.Call;
import io.chorus.client.event.EventDispatcher;
import io.chorus.client.watch.WatchRegistry;
import io.chorus.client.wire.OpCode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Set;
import org.apache.jute.InputArchive;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.WatcherEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes what the server sends after the handshake: a reply to the call it answers (which must be the oldest
 * in flight), a notification to the watchers it reaches, an auth answer to its addAuthInfo. It keeps the calls
 * of one connection; what to do with the connection is the session's business, told by the returned
 * {@link Outcome} or a {@link ProtocolViolation}.
 */
final class ReplyRouter {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyRouter.class);
    private static final Set<EventType> NODE_EVENTS = EnumSet.of(EventType.NODE_CREATED, EventType.NODE_DELETED,
            EventType.NODE_DATA_CHANGED, EventType.NODE_CHILDREN_CHANGED);

    /** What the session must do after a frame. */
    enum Outcome {
        NOTHING,
        /** The server confirmed closeSession. */
        SESSION_CLOSED,
        /** The server refused credentials; it closes the connection and the session is unusable. */
        AUTH_REFUSED
    }

    /** The server broke the protocol: the connection must go. */
    static final class ProtocolViolation extends IOException {
        ProtocolViolation(String message) {
            super(message);
        }
    }

    private final WatchRegistry watches;
    private final EventDispatcher events;
    private final InFlightCalls inFlight = new InFlightCalls();
    /** Auth packets awaiting their answer, in order; the server answers them ahead of queued requests. */
    private final ArrayDeque<Call<?>> authInFlight = new ArrayDeque<>();
    private long lastZxidSeen;

    ReplyRouter(WatchRegistry watches, EventDispatcher events) {
        this.watches = watches;
        this.events = events;
    }

    void sent(int xid, Call<?> call) {
        inFlight.add(xid, call);
    }

    void sentAuth(Call<?> call) {
        authInFlight.addLast(call);
    }

    int inFlightCount() {
        return inFlight.size();
    }

    /** Takes a call out of flight (its reply will not be waited for); false when it is not in flight. */
    boolean abandon(Call<?> call) {
        return inFlight.remove(call);
    }

    /** The zxid of the latest reply: what a reconnect and a watch reset say the client has seen. */
    long lastZxidSeen() {
        return lastZxidSeen;
    }

    /** Fails every call and auth in flight with {@code code}: their replies will never come. */
    void failAll(Code code) {
        for (Call<?> call : inFlight.drain()) {
            call.fail(code, events);
        }
        Call<?> auth;
        while ((auth = authInFlight.pollFirst()) != null) {
            auth.fail(code, events);
        }
    }

    Outcome route(ReplyHeader header, InputArchive body) throws ProtocolViolation {
        return switch (header.getXid()) {
            case OpCode.XID_PING -> Outcome.NOTHING;
            case OpCode.XID_NOTIFICATION -> notification(body);
            case OpCode.XID_AUTH -> authAnswered(header);
            default -> replied(header, body);
        };
    }

    private Outcome replied(ReplyHeader header, InputArchive body) throws ProtocolViolation {
        Call<?> call = inFlight.takeAnswered(header.getXid());
        if (call == null) {
            throw new ProtocolViolation("reply xid " + header.getXid() + " does not answer the oldest request (xid "
                    + inFlight.expectedXid() + ")");
        }
        if (header.getZxid() > 0) {
            lastZxidSeen = header.getZxid();
        }
        try {
            call.settle(header.getErr(), header.getZxid(), body, events);
        } catch (IOException e) {
            call.fail(Code.MARSHALLINGERROR, events);
            throw new ProtocolViolation("malformed reply to " + call + ": " + e.getMessage());
        }
        return call.opCode() == OpCode.CLOSE_SESSION ? Outcome.SESSION_CLOSED : Outcome.NOTHING;
    }

    private Outcome notification(InputArchive body) throws ProtocolViolation {
        WatcherEvent wire = new WatcherEvent();
        try {
            wire.deserialize(body, "response");
        } catch (IOException e) {
            throw new ProtocolViolation("malformed notification: " + e.getMessage());
        }
        EventType type;
        KeeperState state;
        try {
            type = EventType.of(wire.getType());
            state = KeeperState.of(wire.getState());
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring notification with unknown type {} or state {} for {}", wire.getType(),
                    wire.getState(), wire.getPath());
            return Outcome.NOTHING;
        }
        if (!NODE_EVENTS.contains(type) || wire.getPath() == null) {
            LOG.warn("ignoring notification {} for {}: not a node event", type, wire.getPath());
            return Outcome.NOTHING;
        }
        Set<Watcher> reached = watches.triggered(type, wire.getPath());
        events.deliver(new WatchedEvent(type, state, wire.getPath()), reached);
        return Outcome.NOTHING;
    }

    private Outcome authAnswered(ReplyHeader header) throws ProtocolViolation {
        Call<?> call = authInFlight.pollFirst();
        if (call == null) {
            throw new ProtocolViolation("auth answer without an auth request");
        }
        Code code = Code.of(header.getErr());
        if (code == Code.OK) {
            try {
                call.settle(header.getErr(), 0, null, events);
            } catch (IOException e) {
                throw new AssertionError("an auth answer has no body to read", e);
            }
            return Outcome.NOTHING;
        }
        call.fail(code, events);
        return code == Code.AUTHFAILED ? Outcome.AUTH_REFUSED : Outcome.NOTHING;
    }
}
