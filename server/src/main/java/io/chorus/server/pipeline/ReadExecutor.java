package io.chorus.server.pipeline;

import io.chorus.api.Acl;
import io.chorus.api.AclAndStat;
import io.chorus.api.AddWatchMode;
import io.chorus.api.ChorusException;
import io.chorus.api.Children;
import io.chorus.api.Code;
import io.chorus.api.Id;
import io.chorus.api.NodeData;
import io.chorus.api.Op;
import io.chorus.api.OpResult;
import io.chorus.api.Stat;
import io.chorus.api.WatcherType;
import io.chorus.client.wire.JuteMapping;
import io.chorus.client.wire.MultiRequestRecord;
import io.chorus.client.wire.MultiResponseRecord;
import io.chorus.client.wire.OpCode;
import io.chorus.client.wire.WireOp;
import io.chorus.client.wire.WireResult;
import io.chorus.datatree.DataTree;
import io.chorus.datatree.watch.Notification;
import io.chorus.datatree.watch.WatchKind;
import io.chorus.datatree.watch.WatchManager;
import io.chorus.server.net.ReplyPacket;
import io.chorus.server.net.RequestPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.jute.Record;
import org.apache.zookeeper.data.ClientInfo;
import org.apache.zookeeper.proto.AddWatchRequest;
import org.apache.zookeeper.proto.CheckWatchesRequest;
import org.apache.zookeeper.proto.ErrorResponse;
import org.apache.zookeeper.proto.ExistsRequest;
import org.apache.zookeeper.proto.ExistsResponse;
import org.apache.zookeeper.proto.GetACLRequest;
import org.apache.zookeeper.proto.GetACLResponse;
import org.apache.zookeeper.proto.GetAllChildrenNumberRequest;
import org.apache.zookeeper.proto.GetAllChildrenNumberResponse;
import org.apache.zookeeper.proto.GetChildren2Request;
import org.apache.zookeeper.proto.GetChildren2Response;
import org.apache.zookeeper.proto.GetChildrenRequest;
import org.apache.zookeeper.proto.GetChildrenResponse;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.GetDataResponse;
import org.apache.zookeeper.proto.GetEphemeralsRequest;
import org.apache.zookeeper.proto.GetEphemeralsResponse;
import org.apache.zookeeper.proto.RemoveWatchesRequest;
import org.apache.zookeeper.proto.SetWatches;
import org.apache.zookeeper.proto.SetWatches2;
import org.apache.zookeeper.proto.WhoAmIResponse;

/**
 * Serves reads from this server's tree, checking ACLs where ZooKeeper checks them and registering the
 * watches the read asks for. Runs on the driver thread, so a read sees every transaction applied
 * before it and none after: watch notifications already sent precede its reply.
 */
final class ReadExecutor {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReadExecutor.class);
    private final DataTree tree;
    private final WatchManager watches;

    ReadExecutor(DataTree tree, WatchManager watches) {
        this.tree = tree;
        this.watches = watches;
    }

    static boolean isRead(int type) {
        return switch (type) {
            case OpCode.EXISTS, OpCode.GET_DATA, OpCode.GET_CHILDREN, OpCode.GET_CHILDREN2, OpCode.GET_ACL,
                    OpCode.GET_ALL_CHILDREN_NUMBER, OpCode.GET_EPHEMERALS, OpCode.CHECK_WATCHES,
                    OpCode.REMOVE_WATCHES, OpCode.ADD_WATCH, OpCode.SET_WATCHES, OpCode.SET_WATCHES2,
                    OpCode.MULTI_READ, OpCode.WHO_AM_I -> true;
            default -> false;
        };
    }

    /** Executes a read for {@code session}; notifications it fires at once (setWatches) go to {@code notify}. */
    ReplyPacket execute(ClientSession session, RequestPacket packet, Consumer<Notification> notify) {
        long zxid = tree.lastAppliedZxid();
        try {
            Record body = read(session, packet, notify);
            return new ReplyPacket(packet.xid(), zxid, 0, body);
        } catch (ChorusException e) {
            return new ReplyPacket(packet.xid(), zxid, e.code().intValue(), null);
        } catch (RuntimeException e) {
            // A request the tree cannot make sense of (a null path, say): ZooKeeper answers it so too.
            LOG.warn("Read type {} of session 0x{} failed", packet.type(), Long.toHexString(session.sessionId), e);
            return new ReplyPacket(packet.xid(), zxid, Code.MARSHALLINGERROR.intValue(), null);
        }
    }

    private Record read(ClientSession session, RequestPacket packet, Consumer<Notification> notify)
            throws ChorusException {
        long sid = session.sessionId;
        List<Id> ids = session.authIds;
        switch (packet.type()) {
            case OpCode.EXISTS -> {
                ExistsRequest r = (ExistsRequest) packet.body();
                Stat stat = tree.exists(r.getPath());
                if (stat != null) {
                    // ZooKeeper checks READ on exists (only when the node is there to check against).
                    tree.checkAccess(r.getPath(), Acl.READ, ids);
                }
                if (r.getWatch()) {
                    watches.addWatch(r.getPath(), sid, stat == null ? WatchKind.EXIST : WatchKind.DATA);
                }
                if (stat == null) {
                    throw new ChorusException(Code.NONODE, r.getPath());
                }
                return new ExistsResponse(JuteMapping.toJute(stat));
            }
            case OpCode.GET_DATA -> {
                GetDataRequest r = (GetDataRequest) packet.body();
                tree.checkAccess(r.getPath(), Acl.READ, ids);
                NodeData data = tree.getData(r.getPath());
                if (r.getWatch()) {
                    watches.addWatch(r.getPath(), sid, WatchKind.DATA);
                }
                return new GetDataResponse(data.data(), JuteMapping.toJute(data.stat()));
            }
            case OpCode.GET_CHILDREN -> {
                GetChildrenRequest r = (GetChildrenRequest) packet.body();
                Children children = children(r.getPath(), r.getWatch(), session);
                return new GetChildrenResponse(children.names());
            }
            case OpCode.GET_CHILDREN2 -> {
                GetChildren2Request r = (GetChildren2Request) packet.body();
                Children children = children(r.getPath(), r.getWatch(), session);
                return new GetChildren2Response(children.names(), JuteMapping.toJute(children.stat()));
            }
            case OpCode.GET_ACL -> {
                GetACLRequest r = (GetACLRequest) packet.body();
                tree.checkAccess(r.getPath(), Acl.READ | Acl.ADMIN, ids);
                AclAndStat acl = tree.getAcl(r.getPath());
                List<Acl> shown = canAdminister(r.getPath(), ids) ? acl.acl() : redactDigests(acl.acl());
                return new GetACLResponse(JuteMapping.toJute(shown), JuteMapping.toJute(acl.stat()));
            }
            case OpCode.GET_ALL_CHILDREN_NUMBER -> {
                GetAllChildrenNumberRequest r = (GetAllChildrenNumberRequest) packet.body();
                tree.checkAccess(r.getPath(), Acl.READ, ids);
                return new GetAllChildrenNumberResponse(tree.getAllChildrenNumber(r.getPath()));
            }
            case OpCode.GET_EPHEMERALS -> {
                GetEphemeralsRequest r = (GetEphemeralsRequest) packet.body();
                return new GetEphemeralsResponse(tree.getEphemerals(sid, r.getPrefixPath()));
            }
            case OpCode.CHECK_WATCHES -> {
                CheckWatchesRequest r = (CheckWatchesRequest) packet.body();
                WatcherType type = watcherType(r.getType(), r.getPath());
                if (!watches.hasWatch(r.getPath(), sid, type)) {
                    throw new ChorusException(Code.NOWATCHER, r.getPath());
                }
                return null;
            }
            case OpCode.REMOVE_WATCHES -> {
                RemoveWatchesRequest r = (RemoveWatchesRequest) packet.body();
                Code code = watches.removeWatches(r.getPath(), sid, watcherType(r.getType(), r.getPath()));
                if (code != Code.OK) {
                    throw new ChorusException(code, r.getPath());
                }
                return null;
            }
            case OpCode.ADD_WATCH -> {
                AddWatchRequest r = (AddWatchRequest) packet.body();
                AddWatchMode mode = AddWatchMode.of(r.getMode());
                if (mode == null) {
                    throw new ChorusException(Code.BADARGUMENTS, r.getPath());
                }
                watches.addWatch(r.getPath(), sid,
                        mode == AddWatchMode.PERSISTENT ? WatchKind.PERSISTENT : WatchKind.PERSISTENT_RECURSIVE);
                return new ErrorResponse(0);
            }
            case OpCode.SET_WATCHES -> {
                SetWatches r = (SetWatches) packet.body();
                watches.setWatches(sid, r.getRelativeZxid(), r.getDataWatches(), r.getExistWatches(),
                        r.getChildWatches(), List.of(), List.of(), tree).forEach(notify);
                return null;
            }
            case OpCode.SET_WATCHES2 -> {
                SetWatches2 r = (SetWatches2) packet.body();
                watches.setWatches(sid, r.getRelativeZxid(), r.getDataWatches(), r.getExistWatches(),
                        r.getChildWatches(), r.getPersistentWatches(), r.getPersistentRecursiveWatches(), tree)
                        .forEach(notify);
                return null;
            }
            case OpCode.MULTI_READ -> {
                return multiRead((MultiRequestRecord) packet.body(), ids);
            }
            case OpCode.WHO_AM_I -> {
                List<ClientInfo> infos = new ArrayList<>();
                for (Id id : ids) {
                    // As ZooKeeper's providers name users: a digest id without its password hash.
                    String user = "digest".equals(id.scheme()) ? id.id().split(":", 2)[0] : id.id();
                    infos.add(new ClientInfo(id.scheme(), user));
                }
                return new WhoAmIResponse(infos);
            }
            default -> throw new IllegalArgumentException("not a read: type " + packet.type());
        }
    }

    private boolean canAdminister(String path, List<Id> ids) {
        try {
            tree.checkAccess(path, Acl.ADMIN, ids);
            return true;
        } catch (ChorusException e) {
            return false;
        }
    }

    /** As ZooKeeper: a reader without ADMIN sees digest ids as "user:x", never the password hash. */
    private static List<Acl> redactDigests(List<Acl> acl) {
        List<Acl> out = new ArrayList<>(acl.size());
        for (Acl a : acl) {
            if ("digest".equals(a.id().scheme())) {
                out.add(new Acl(a.perms(), new Id("digest", a.id().id().replaceAll(":.*", ":x"))));
            } else {
                out.add(a);
            }
        }
        return out;
    }

    private Children children(String path, boolean watch, ClientSession session) throws ChorusException {
        tree.checkAccess(path, Acl.READ, session.authIds);
        Children children = tree.getChildren(path);
        if (watch) {
            watches.addWatch(path, session.sessionId, WatchKind.CHILD);
        }
        return children;
    }

    private MultiResponseRecord multiRead(MultiRequestRecord request, List<Id> ids) throws ChorusException {
        List<WireResult> results = new ArrayList<>(request.ops().size());
        for (WireOp w : request.ops()) {
            Op op = w.op();
            if (!op.isRead()) {
                throw new ChorusException(Code.BADARGUMENTS, op.path());
            }
            try {
                tree.checkAccess(op.path(), Acl.READ, ids);
                if (op instanceof Op.GetData) {
                    NodeData d = tree.getData(op.path());
                    results.add(new WireResult(OpCode.GET_DATA, new OpResult.GetDataResult(d.data(), d.stat())));
                } else {
                    Children c = tree.getChildren(op.path());
                    results.add(new WireResult(OpCode.GET_CHILDREN, new OpResult.GetChildrenResult(c.names())));
                }
            } catch (ChorusException e) {
                results.add(new WireResult(OpCode.ERROR, new OpResult.ErrorResult(e.code())));
            }
        }
        return new MultiResponseRecord(results);
    }

    private static WatcherType watcherType(int value, String path) throws ChorusException {
        WatcherType type = WatcherType.of(value);
        if (type == null) {
            throw new ChorusException(Code.BADARGUMENTS, path);
        }
        return type;
    }
}
