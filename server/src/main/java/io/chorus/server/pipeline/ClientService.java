package io.chorus.server.pipeline;

import io.chorus.api.spi.Role;
import io.chorus.datatree.DataTree;
import io.chorus.server.net.ClientChannel;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether this server serves clients now, and the pipeline it serves them with. As a ZooKeeper server does, it
 * serves only while following, leading or standing alone, and drops every connection when it stops (an election,
 * a state replaced by a snapshot or rebuilt after TRUNC): the clients move to another server or come back, with
 * their sessions. Each serving period starts a fresh pipeline over the current tree, in which every session gets
 * a full timeout to return, so a server that loses its quorum disconnects sessions but never expires them. Used
 * on the driver thread by the server's driver and by the simulator's nodes alike.
 */
public final class ClientService {
    private final Function<DataTree, RequestPipeline> newPipeline;
    private final Set<ClientChannel> channels = new LinkedHashSet<>();
    private RequestPipeline pipeline;
    private DataTree servedTree;
    private Role servedRole;

    /** {@code newPipeline} builds the pipeline of a serving period over the given tree. */
    public ClientService(Function<DataTree, RequestPipeline> newPipeline) {
        this.newPipeline = newPipeline;
    }

    public static boolean serves(Role role) {
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
        stop(role == servedRole ? "this server's state was replaced" : "this server is now " + role);
        if (serves(role)) {
            servedRole = role;
            servedTree = tree;
            pipeline = newPipeline.apply(tree);
            pipeline.restoreSessions(nowMillis);
        }
        return pipeline;
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
        channels.clear();
        pipeline = null;
        servedTree = null;
        servedRole = null;
    }

    /** A connection opened: handed to the pipeline, or closed at once while not serving. */
    public void connected(ClientChannel channel) {
        if (pipeline == null) {
            channel.close("this server is not serving clients now (no quorum)");
            return;
        }
        channels.add(channel);
    }

    public void disconnected(ClientChannel channel) {
        channels.remove(channel);
    }

    /** Whether {@code channel} belongs to the current serving period. */
    public boolean holds(ClientChannel channel) {
        return pipeline != null && channels.contains(channel);
    }
}
