package io.chorus.testkit.check;

import io.chorus.api.Code;
import io.chorus.api.EventType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the simulator records into as the run goes. Call it in simulated-time order from the single
 * simulation thread: op ids and the per-client receive sequence numbers come from the order of calls.
 * An operation never given a reply stays an unknown-outcome operation.
 */
public final class HistoryRecorder {
    private record Pending(int client, long session, Invocation call, long invokeMillis) {
    }

    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    private final List<ClientOp> ops = new ArrayList<>();
    private final List<Notification> notifications = new ArrayList<>();
    private final List<ReplicaFact> facts = new ArrayList<>();
    private final Map<Integer, Long> receiveSeq = new HashMap<>();
    private long nextId = 1;

    /** The client sent an operation; returns its id, to pass to {@link #reply}. */
    public long invoke(int client, long session, Invocation call, long millis) {
        long id = nextId++;
        pending.put(id, new Pending(client, session, call, millis));
        return id;
    }

    /** The client received the reply to operation {@code id}. */
    public void reply(long id, long millis, Code code, long zxid, Result result) {
        Pending p = pending.remove(id);
        if (p == null) {
            throw new IllegalStateException("op " + id + " is not pending");
        }
        ops.add(new ClientOp(id, p.client, p.session, p.call, p.invokeMillis,
                new Reply(millis, nextSeq(p.client), code, zxid, result)));
    }

    /** The client received a watch notification triggered by transaction {@code zxid}. */
    public void notification(int client, long session, String path, EventType type, long zxid, long millis) {
        notifications.add(new Notification(client, session, path, type, zxid, millis, nextSeq(client)));
    }

    /** A node delivered a committed transaction (digest: its tree digest afterwards). */
    public void delivered(int node, long millis, long zxid, long payloadHash, long digest) {
        facts.add(new ReplicaFact.Delivered(node, millis, zxid, payloadHash, digest));
    }

    public void delivered(int node, long millis, long zxid, long payloadHash) {
        facts.add(new ReplicaFact.Delivered(node, millis, zxid, payloadHash));
    }

    public void leaderEstablished(int node, long millis, long epoch) {
        facts.add(new ReplicaFact.LeaderEstablished(node, millis, epoch));
    }

    public void crashed(int node, long millis) {
        facts.add(new ReplicaFact.Crashed(node, millis));
    }

    public void recovered(int node, long millis, long zxid) {
        facts.add(new ReplicaFact.Recovered(node, millis, zxid));
    }

    /** The history so far; operations still pending become unknown-outcome operations. */
    public History build(int clusterSize, boolean settled) {
        List<ClientOp> all = new ArrayList<>(ops);
        pending.forEach((id, p) -> all.add(new ClientOp(id, p.client, p.session, p.call, p.invokeMillis, null)));
        return new History(all, notifications, facts, clusterSize, settled);
    }

    private long nextSeq(int client) {
        return receiveSeq.merge(client, 1L, Long::sum);
    }
}
