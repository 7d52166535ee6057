package io.chorus.server.pipeline;

import io.chorus.api.spi.Role;
import io.chorus.datatree.DataTree;
import io.chorus.server.net.ClientChannel;
import io.chorus.server.net.ConnectPacket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether this server serves clients now, and the pipeline it serves them with. As a ZooKeeper server does, it
 * serves only while following, leading or standing alone, and drops every connection when it stops (an election,
 * a state replaced by a snapshot or rebuilt after TRUNC): the clients move to another server or come back, with
 * their sessions. Each serving period starts a fresh pipeline over the current tree, in which every session gets
 * a full timeout to return, so a server that loses its quorum disconnects sessions but never expires them. Used
 * on the driver thread by the server's driver and by the simulator's nodes alike.
 *
 * <p>A connection that arrives while an election runs is held, not refused, for up to {@value #HOLD_MILLIS_MAX} ms
 * (and a third of the session timeout it asks for, about what the stock client gives one server of three before it
 * tries the next): the election usually ends sooner, and a refused client would try every server in turn and then
 * back off for a second, which is most of what a client sees of a failover.
 */
public final class ClientService {
    static final long HOLD_MILLIS_MAX = 2_000;

    private final Function<DataTree, RequestPipeline> newPipeline;
    private final Set<ClientChannel> channels = new LinkedHashSet<>();
    private final List<Held> held = new ArrayList<>();
    /** The connect each channel of this period opened with, should the period end before it is answered. */
    private final Map<ClientChannel, ConnectPacket> connects = new HashMap<>();
    private RequestPipeline pipeline;
    private DataTree servedTree;
    private Role servedRole;

    /** {@code newPipeline} builds the pipeline of a serving period over the given tree. */
    public ClientService(Function<DataTree, RequestPipeline> newPipeline) {
        this.newPipeline = newPipeline;
    }

    static boolean serves(Role role) {
        return role == Role.LEADER || role == Role.FOLLOWER || role == Role.STANDALONE;
    }

    /**
     * The pipeline for {@code role} over {@code tree}: the current one if neither changed, else the old period
     * ends and, if the role serves clients, a new one starts ({@code nowMillis} restarts session timeouts).
     * Null when the role does not serve.
     */
    public RequestPipeline serve(Role role, DataTree tree, long nowMillis) {
        if (pipeline != null && role == servedRole && tree == servedTree) {
            return pipeline;
        }
        end(role == servedRole ? "this server's state was replaced" : "this server is now " + role, nowMillis);
        if (serves(role)) {
            servedRole = role;
            servedTree = tree;
            pipeline = newPipeline.apply(tree);
            pipeline.servingAs(role);
            pipeline.restoreSessions(nowMillis);
            List<Held> waiting = List.copyOf(held);
            held.clear();
            for (Held h : waiting) {
                if (h.channel.isOpen()) {
                    connect(h.channel, h.packet, nowMillis);
                }
            }
        }
        return pipeline;
    }

    private record Held(ClientChannel channel, ConnectPacket packet, long untilMillis) {
    }

    /**
     * A client's connect: handed to the pipeline while serving, else held until serving starts (see above) or
     * closed when it may not wait.
     */
    public void connect(ClientChannel channel, ConnectPacket packet, long nowMillis) {
        if (pipeline != null) {
            channels.add(channel);
            connects.put(channel, packet);
            pipeline.onConnect(channel, packet, nowMillis);
            return;
        }
        hold(channel, packet, nowMillis);
    }

    private void hold(ClientChannel channel, ConnectPacket packet, long nowMillis) {
        long holdMillis = Math.min(HOLD_MILLIS_MAX, Math.max(0, packet.timeoutMillis() / 3));
        if (holdMillis == 0) {
            channel.close("this server is not serving clients now (no quorum)");
            return;
        }
        held.add(new Held(channel, packet, nowMillis + holdMillis));
    }

    /**
     * Ends the period: a client whose connect this period never answered (its new session was still being
     * created, say through a leader that just died) is held for the next period, as if it had come during the
     * election; the stock client would otherwise back off for up to a second before trying again. Every other
     * connection is closed.
     */
    private void end(String reason, long nowMillis) {
        if (pipeline == null) {
            return;
        }
        for (ClientChannel channel : List.copyOf(channels)) {
            ConnectPacket unanswered = pipeline.isEstablished(channel) ? null : connects.get(channel);
            if (unanswered != null && channel.isOpen()) {
                hold(channel, unanswered, nowMillis);
            } else {
                channel.close(reason);
            }
        }
        clear();
    }

    /** Closes the held connections whose time is up (called every tick). */
    public void expireHeld(long nowMillis) {
        held.removeIf(h -> {
            if (!h.channel.isOpen()) {
                return true;
            }
            if (nowMillis >= h.untilMillis) {
                h.channel.close("this server found no quorum in time to serve this client");
                return true;
            }
            return false;
        });
    }

    /** The pipeline of the current serving period, or null while not serving. */
    public RequestPipeline current() {
        return pipeline;
    }

    /** Ends the serving period, closing every client connection with {@code reason}. */
    public void stop(String reason) {
        if (pipeline == null) {
            return;
        }
        for (ClientChannel channel : List.copyOf(channels)) {
            channel.close(reason);
        }
        clear();
    }

    private void clear() {
        channels.clear();
        connects.clear();
        pipeline = null;
        servedTree = null;
        servedRole = null;
    }

    /**
     * A connection opened whose connect the caller hands to the pipeline itself (the simulator's node, after its
     * link delay): it joins the period, or is closed at once while not serving. Never held.
     */
    public void connected(ClientChannel channel) {
        if (pipeline == null) {
            channel.close("this server is not serving clients now (no quorum)");
            return;
        }
        channels.add(channel);
    }

    public void disconnected(ClientChannel channel) {
        channels.remove(channel);
        connects.remove(channel);
        held.removeIf(h -> h.channel == channel);
    }

    /** Whether {@code channel} belongs to the current serving period. */
    public boolean holds(ClientChannel channel) {
        return pipeline != null && channels.contains(channel);
    }
}
