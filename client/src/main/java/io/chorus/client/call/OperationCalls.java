package io.chorus.client.call;

import io.chorus.api.Acl;
import io.chorus.api.AclAndStat;
import io.chorus.api.AddWatchMode;
import io.chorus.api.ChorusException;
import io.chorus.api.Children;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.Created;
import io.chorus.api.EventType;
import io.chorus.api.Id;
import io.chorus.api.KeeperState;
import io.chorus.api.NodeData;
import io.chorus.api.Op;
import io.chorus.api.OpResult;
import io.chorus.api.ReadConsistency;
import io.chorus.api.Stat;
import io.chorus.api.WatchedEvent;
import io.chorus.api.Watcher;
import io.chorus.api.WatcherType;
import io.chorus.client.ServedRead;
import io.chorus.client.event.EventDispatcher;
import io.chorus.client.watch.WatchKind;
import io.chorus.client.watch.WatchRegistry;
import io.chorus.client.wire.ConsistentReadRequest;
import io.chorus.client.wire.JuteMapping;
import io.chorus.client.wire.MultiRequestRecord;
import io.chorus.client.wire.OpCode;
import io.chorus.client.wire.SetReadConsistencyRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.jute.InputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.data.ClientInfo;
import org.apache.zookeeper.proto.AddWatchRequest;
import org.apache.zookeeper.proto.AuthPacket;
import org.apache.zookeeper.proto.CheckWatchesRequest;
import org.apache.zookeeper.proto.Create2Response;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.CreateTTLRequest;
import org.apache.zookeeper.proto.DeleteRequest;
import org.apache.zookeeper.proto.ExistsRequest;
import org.apache.zookeeper.proto.ExistsResponse;
import org.apache.zookeeper.proto.GetACLRequest;
import org.apache.zookeeper.proto.GetACLResponse;
import org.apache.zookeeper.proto.GetAllChildrenNumberRequest;
import org.apache.zookeeper.proto.GetAllChildrenNumberResponse;
import org.apache.zookeeper.proto.GetChildren2Request;
import org.apache.zookeeper.proto.GetChildren2Response;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.GetDataResponse;
import org.apache.zookeeper.proto.GetEphemeralsRequest;
import org.apache.zookeeper.proto.GetEphemeralsResponse;
import org.apache.zookeeper.proto.RemoveWatchesRequest;
import org.apache.zookeeper.proto.SetACLRequest;
import org.apache.zookeeper.proto.SetACLResponse;
import org.apache.zookeeper.proto.SetDataRequest;
import org.apache.zookeeper.proto.SetDataResponse;
import org.apache.zookeeper.proto.SyncRequest;
import org.apache.zookeeper.proto.WhoAmIResponse;

/**
 * Builds the {@link Call} for each client operation: checks the arguments as ZooKeeper's client does, encodes
 * the request record, and says how to read the reply, including which watch a successful reply registers.
 * Arguments that can never succeed throw IllegalArgumentException; a refusal the server would also give
 * (an empty ACL) throws ChorusException; neither sends anything.
 */
public final class OperationCalls {
    /** A request header is two ints: xid and type. */
    private static final int REQUEST_HEADER_BYTES = 8;

    private final WatchRegistry watches;
    private final EventDispatcher events;
    private final int maxRequestBytes;

    public OperationCalls(WatchRegistry watches, EventDispatcher events, int maxRequestBytes) {
        this.watches = watches;
        this.events = events;
        this.maxRequestBytes = maxRequestBytes;
    }

    /** Sent as create2 (the reply carries the stat), createContainer or createTTL, as ZooKeeper's client does. */
    public Call<Created> create(String path, byte[] data, List<Acl> acl, CreateMode mode, long ttlMillis)
            throws ChorusException {
        Objects.requireNonNull(mode, "mode");
        PathValidator.validateForCreate(path, mode);
        TtlRule.validate(mode, ttlMillis);
        requireAcl(acl, path);
        int opCode;
        Record request;
        if (mode.isTtl()) {
            opCode = OpCode.CREATE_TTL;
            request = new CreateTTLRequest(path, data, JuteMapping.toJute(acl), mode.flag(), ttlMillis);
        } else {
            opCode = mode.isContainer() ? OpCode.CREATE_CONTAINER : OpCode.CREATE2;
            request = new CreateRequest(path, data, JuteMapping.toJute(acl), mode.flag());
        }
        return call(opCode, request, path, ReplyReader.okOnly(path, in -> {
            Create2Response r = new Create2Response();
            r.deserialize(in, "response");
            return new Created(r.getPath(), JuteMapping.fromJute(r.getStat()));
        }));
    }

    public Call<Void> delete(String path, int version) {
        PathValidator.validate(path);
        return call(OpCode.DELETE, new DeleteRequest(path, version), path, ReplyReader.okOnly(path, in -> null));
    }

    /** A watcher is registered as a data watch when the node exists, as an exist watch when it does not. */
    public Call<Stat> exists(String path, Watcher watcher) {
        return exists(path, watcher, null);
    }

    /** {@code consistency} null reads at the session's consistency (ZooKeeper's own request). */
    public Call<Stat> exists(String path, Watcher watcher, ReadConsistency consistency) {
        PathValidator.validate(path);
        return read(consistency, OpCode.EXISTS, new ExistsRequest(path, watcher != null), path, (code, in) -> {
            if (code == Code.OK) {
                ExistsResponse r = new ExistsResponse();
                r.deserialize(in, "response");
                register(WatchKind.DATA, path, watcher);
                return JuteMapping.fromJute(r.getStat());
            }
            if (code == Code.NONODE) {
                register(WatchKind.EXIST, path, watcher);
                return null;
            }
            throw new ChorusException(code, path);
        });
    }

    public Call<NodeData> getData(String path, Watcher watcher) {
        return getData(path, watcher, null);
    }

    /** {@code consistency} null reads at the session's consistency (ZooKeeper's own request). */
    public Call<NodeData> getData(String path, Watcher watcher, ReadConsistency consistency) {
        PathValidator.validate(path);
        return read(consistency, OpCode.GET_DATA, new GetDataRequest(path, watcher != null), path,
                ReplyReader.okOnly(path, in -> {
                    register(WatchKind.DATA, path, watcher);
                    return nodeData(in);
                }));
    }

    /** getData with the zxid of the state it was served from (the reply header's), for measurements. */
    public Call<ServedRead> getDataServed(String path, ReadConsistency consistency) {
        PathValidator.validate(path);
        return read(consistency, OpCode.GET_DATA, new GetDataRequest(path, false), path, new ReplyReader<>() {
            @Override
            public ServedRead read(Code code, InputArchive body) {
                throw new UnsupportedOperationException("needs the reply's zxid");
            }

            @Override
            public ServedRead read(Code code, long zxid, InputArchive body) throws IOException, ChorusException {
                if (code != Code.OK) {
                    throw new ChorusException(code, path);
                }
                return new ServedRead(nodeData(body), zxid);
            }
        });
    }

    private static NodeData nodeData(InputArchive in) throws IOException {
        GetDataResponse r = new GetDataResponse();
        r.deserialize(in, "response");
        return new NodeData(r.getData(), JuteMapping.fromJute(r.getStat()));
    }

    public Call<Stat> setData(String path, byte[] data, int version) {
        PathValidator.validate(path);
        return call(OpCode.SET_DATA, new SetDataRequest(path, data, version), path, ReplyReader.okOnly(path, in -> {
            SetDataResponse r = new SetDataResponse();
            r.deserialize(in, "response");
            return JuteMapping.fromJute(r.getStat());
        }));
    }

    /** Sent as getChildren2, which returns the parent's stat with the names. */
    public Call<Children> getChildren(String path, Watcher watcher) {
        return getChildren(path, watcher, null);
    }

    /** {@code consistency} null reads at the session's consistency (ZooKeeper's own request). */
    public Call<Children> getChildren(String path, Watcher watcher, ReadConsistency consistency) {
        PathValidator.validate(path);
        return read(consistency, OpCode.GET_CHILDREN2, new GetChildren2Request(path, watcher != null), path,
                ReplyReader.okOnly(path, in -> {
                    GetChildren2Response r = new GetChildren2Response();
                    r.deserialize(in, "response");
                    register(WatchKind.CHILD, path, watcher);
                    return new Children(List.copyOf(r.getChildren()), JuteMapping.fromJute(r.getStat()));
                }));
    }

    public Call<Integer> getAllChildrenNumber(String path) {
        PathValidator.validate(path);
        return call(OpCode.GET_ALL_CHILDREN_NUMBER, new GetAllChildrenNumberRequest(path), path,
                ReplyReader.okOnly(path, in -> {
                    GetAllChildrenNumberResponse r = new GetAllChildrenNumberResponse();
                    r.deserialize(in, "response");
                    return r.getTotalNumber();
                }));
    }

    public Call<List<String>> getEphemerals(String prefixPath) {
        PathValidator.validate(prefixPath);
        return call(OpCode.GET_EPHEMERALS, new GetEphemeralsRequest(prefixPath), prefixPath,
                ReplyReader.okOnly(prefixPath, in -> {
                    GetEphemeralsResponse r = new GetEphemeralsResponse();
                    r.deserialize(in, "response");
                    return List.copyOf(r.getEphemerals());
                }));
    }

    public Call<Void> sync(String path) {
        PathValidator.validate(path);
        // The SyncResponse body only echoes the path; nothing to read.
        return call(OpCode.SYNC, new SyncRequest(path), path, ReplyReader.okOnly(path, in -> null));
    }

    /** A transaction or a multi-read; the caller answers an empty list itself, as ZooKeeper's client does. */
    public Call<List<OpResult>> multi(List<Op> ops) {
        MultiPlan plan = MultiPlan.of(ops);
        return call(plan.opCode(), new MultiRequestRecord(plan.wireOps()), null,
                ReplyReader.okOnly(null, plan::results));
    }

    public Call<AclAndStat> getAcl(String path) {
        PathValidator.validate(path);
        return call(OpCode.GET_ACL, new GetACLRequest(path), path, ReplyReader.okOnly(path, in -> {
            GetACLResponse r = new GetACLResponse();
            r.deserialize(in, "response");
            return new AclAndStat(JuteMapping.fromJute(r.getAcl()), JuteMapping.fromJute(r.getStat()));
        }));
    }

    public Call<Stat> setAcl(String path, List<Acl> acl, int aclVersion) throws ChorusException {
        PathValidator.validate(path);
        requireAcl(acl, path);
        return call(OpCode.SET_ACL, new SetACLRequest(path, JuteMapping.toJute(acl), aclVersion), path,
                ReplyReader.okOnly(path, in -> {
                    SetACLResponse r = new SetACLResponse();
                    r.deserialize(in, "response");
                    return JuteMapping.fromJute(r.getStat());
                }));
    }

    public Call<List<Id>> whoAmI() {
        return call(OpCode.WHO_AM_I, null, null, ReplyReader.okOnly(null, in -> {
            WhoAmIResponse r = new WhoAmIResponse();
            r.deserialize(in, "response");
            List<Id> ids = new ArrayList<>();
            if (r.getClientInfo() != null) {
                for (ClientInfo info : r.getClientInfo()) {
                    ids.add(new Id(info.getAuthScheme(), info.getUser()));
                }
            }
            return List.copyOf(ids);
        }));
    }

    public Call<Void> addWatch(String path, Watcher watcher, AddWatchMode mode) {
        PathValidator.validate(path);
        Objects.requireNonNull(watcher, "watcher");
        Objects.requireNonNull(mode, "mode");
        // The reply body is an ErrorResponse repeating the header's code; nothing to read.
        return call(OpCode.ADD_WATCH, new AddWatchRequest(path, mode.mode()), path, ReplyReader.okOnly(path, in -> {
            watches.add(WatchKind.of(mode), path, watcher);
            return null;
        }));
    }

    /**
     * Removal through the server, decided in wire order as ZooKeeper's client does it. Without a watcher, every
     * watcher of the type goes: the server drops its watch (removeWatches) and, when the reply comes, so does
     * this side. With one watcher, the server only confirms it holds a watch (checkWatches) and keeps it: the
     * server holds one watch per path for all of this client's watchers, and another watcher's getData may be
     * on its way to relying on it. The watchers go once the server agrees.
     */
    public Call<Void> removeWatches(String path, Watcher watcher, WatcherType type) throws ChorusException {
        PathValidator.validate(path);
        Objects.requireNonNull(type, "type");
        if (!watches.contains(path, watcher, type)) {
            throw new ChorusException(Code.NOWATCHER, path);
        }
        int opCode = watcher == null ? OpCode.REMOVE_WATCHES : OpCode.CHECK_WATCHES;
        Record request = watcher == null
                ? new RemoveWatchesRequest(path, type.intValue())
                : new CheckWatchesRequest(path, type.intValue());
        return call(opCode, request, path, ReplyReader.okOnly(path, in -> {
            removeLocally(path, watcher, type, KeeperState.SYNC_CONNECTED);
            return null;
        }));
    }

    /** Removes watchers on this side only; each gets its removal event. NOWATCHER when there is none. */
    public void removeLocally(String path, Watcher watcher, WatcherType type, KeeperState state)
            throws ChorusException {
        PathValidator.validate(path);
        Objects.requireNonNull(type, "type");
        Map<EventType, Set<Watcher>> removed = watches.remove(path, watcher, type);
        if (removed.isEmpty()) {
            throw new ChorusException(Code.NOWATCHER, path);
        }
        removed.forEach((eventType, watchers) -> events.deliver(new WatchedEvent(eventType, state, path), watchers));
    }

    /**
     * Credentials for the session. The reply carries no body; AUTHFAILED means the server refused them (and
     * closes the connection).
     */
    public Call<Void> auth(String scheme, byte[] auth) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(auth, "auth");
        return call(OpCode.AUTH, new AuthPacket(0, scheme, auth), null, ReplyReader.okOnly(null, in -> null));
    }

    /** Ends the session: the server deletes its ephemeral nodes and confirms. */
    public Call<Void> closeSession() {
        return call(OpCode.CLOSE_SESSION, null, null, (code, in) -> null);
    }

    private void register(WatchKind kind, String path, Watcher watcher) {
        if (watcher != null) {
            watches.add(kind, path, watcher);
        }
    }

    /** Sets the session's read consistency on the connected server (sent again on every connection). */
    public Call<Void> setReadConsistency(ReadConsistency consistency) {
        return call(OpCode.CHORUS_SET_READ_CONSISTENCY, new SetReadConsistencyRequest(consistency), null,
                ReplyReader.okOnly(null, in -> null));
    }

    /** A read as ZooKeeper sends it, or wrapped in Chorus's CHORUS_READ when a consistency is asked for. */
    private <T> Call<T> read(ReadConsistency consistency, int opCode, Record request, String path,
            ReplyReader<T> reader) {
        if (consistency == null) {
            return call(opCode, request, path, reader);
        }
        return call(OpCode.CHORUS_READ, new ConsistentReadRequest(consistency, opCode, request), path, reader);
    }

    private <T> Call<T> call(int opCode, Record request, String path, ReplyReader<T> reader) {
        byte[] body = RecordBytes.of(request);
        int frameBytes = REQUEST_HEADER_BYTES + body.length;
        if (frameBytes > maxRequestBytes) {
            throw new IllegalArgumentException("request of " + frameBytes + " bytes"
                    + (path == null ? "" : " for " + path) + " exceeds maxRequestBytes " + maxRequestBytes);
        }
        return new Call<>(opCode, body, path, reader);
    }

    /** ZooKeeper's client refuses a missing or empty ACL (or a null entry) before sending. */
    private static void requireAcl(List<Acl> acl, String path) throws ChorusException {
        if (acl == null || acl.isEmpty() || acl.stream().anyMatch(Objects::isNull)) {
            throw new ChorusException(Code.INVALIDACL, path);
        }
    }
}
