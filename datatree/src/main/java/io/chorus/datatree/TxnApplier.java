package io.chorus.datatree;

import io.chorus.api.Acl;
import io.chorus.api.ChorusException;
import io.chorus.api.Code;
import io.chorus.api.Created;
import io.chorus.api.EventType;
import io.chorus.api.OpResult;
import io.chorus.datatree.node.Node;
import io.chorus.datatree.node.NodeStore;
import io.chorus.datatree.path.PathValidator;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnBody;
import io.chorus.datatree.txn.TxnHeader;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies one transaction in one deterministic step: validates it as ZooKeeper prepares a request,
 * then (only if every check passed) changes the tree and reports the result and the watch triggers.
 * A failed transaction changes nothing; its code is the result.
 */
final class TxnApplier {
    private final NodeStore store;
    private final SessionTable sessions;
    private final WriteValidator validator;
    private final boolean extendedTypesEnabled;

    TxnApplier(NodeStore store, SessionTable sessions, boolean extendedTypesEnabled) {
        this.store = store;
        this.sessions = sessions;
        this.extendedTypesEnabled = extendedTypesEnabled;
        this.validator = new WriteValidator(sessions, extendedTypesEnabled);
    }

    ApplyResult apply(long zxid, Txn txn) {
        TxnHeader header = txn.header();
        TxnBody body = txn.body();
        WriteValidator.Request request =
                new WriteValidator.Request(header.sessionId(), header.authIds(), zxid, header.timeMillis());
        if (body instanceof TxnBody.CreateSession createSession) {
            return createSession(header.sessionId(), createSession);
        } else if (body instanceof TxnBody.CloseSession) {
            return closeSession(header.sessionId(), zxid);
        } else if (body instanceof TxnBody.Multi multi) {
            return multi(multi, request);
        }
        return single(body, request);
    }

    private ApplyResult createSession(long sessionId, TxnBody.CreateSession create) {
        if (sessionId == 0 || create.timeoutMillis() <= 0 || create.password() == null) {
            return failure(Code.BADARGUMENTS, null);
        }
        sessions.put(new SessionInfo(sessionId, create.timeoutMillis(), create.password()));
        return new ApplyResult(Code.OK, null, List.of());
    }

    /** Deletes the session's ephemerals in path order (the same on every replica), then forgets the session. */
    private ApplyResult closeSession(long sessionId, long zxid) {
        List<WatchTrigger> triggers = new ArrayList<>();
        for (String path : store.owners().ephemeralsOf(sessionId)) {
            String parentPath = PathValidator.parent(path);
            List<Acl> acl = store.lookup(path).acl();
            store.delete(parentPath, path, zxid);
            triggers.add(new WatchTrigger(path, EventType.NODE_DELETED, acl));
            triggers.add(new WatchTrigger(parentPath, EventType.NODE_CHILDREN_CHANGED, store.lookup(parentPath).acl()));
        }
        sessions.remove(sessionId);
        return new ApplyResult(Code.OK, null, triggers);
    }

    private ApplyResult single(TxnBody body, WriteValidator.Request request) {
        PlannedWrite planned;
        try {
            planned = validator.validate(body, request, PendingChanges.forSingleWrite(store));
        } catch (ChorusException e) {
            return failure(e.code(), null);
        }
        List<WatchTrigger> triggers = new ArrayList<>(2);
        OpResult result = execute(planned, request, triggers);
        return new ApplyResult(Code.OK, singleResponse(result), triggers);
    }

    /** All ops validate against the pending view, or none applies and each reports its own code. */
    private ApplyResult multi(TxnBody.Multi multi, WriteValidator.Request request) {
        List<TxnBody> ops = multi.ops();
        if (ops == null) {
            return failure(Code.BADARGUMENTS, List.of());
        }
        PendingChanges pending = PendingChanges.forMulti(store);
        List<PlannedWrite> planned = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            try {
                planned.add(validator.validateMultiOp(ops.get(i), request, pending));
            } catch (ChorusException e) {
                return failure(e.code(), failedMultiResults(ops.size(), i, e.code()));
            }
        }
        List<WatchTrigger> triggers = new ArrayList<>();
        List<OpResult> results = new ArrayList<>(planned.size());
        for (PlannedWrite write : planned) {
            results.add(execute(write, request, triggers));
        }
        return new ApplyResult(Code.OK, List.copyOf(results), triggers);
    }

    /** ZooKeeper's shape: OK for the ops before the failure, its code, RUNTIMEINCONSISTENCY after. */
    private static List<OpResult> failedMultiResults(int count, int failedIndex, Code code) {
        List<OpResult> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Code each = i < failedIndex ? Code.OK : i == failedIndex ? code : Code.RUNTIMEINCONSISTENCY;
            results.add(new OpResult.ErrorResult(each));
        }
        return List.copyOf(results);
    }

    private OpResult execute(PlannedWrite write, WriteValidator.Request request, List<WatchTrigger> triggers) {
        if (write instanceof PlannedWrite.Create create) {
            Node node = store.create(create.parentPath(), create.path(), create.data(), create.acl(),
                    create.ephemeralOwner(), request.zxid(), request.timeMillis());
            triggers.add(new WatchTrigger(create.path(), EventType.NODE_CREATED, node.acl()));
            triggers.add(new WatchTrigger(create.parentPath(), EventType.NODE_CHILDREN_CHANGED, create.parentAcl()));
            return new OpResult.CreateResult(create.path(), node.toStat(extendedTypesEnabled));
        } else if (write instanceof PlannedWrite.Delete delete) {
            store.delete(delete.parentPath(), delete.path(), request.zxid());
            triggers.add(new WatchTrigger(delete.path(), EventType.NODE_DELETED, delete.acl()));
            triggers.add(new WatchTrigger(delete.parentPath(), EventType.NODE_CHILDREN_CHANGED, delete.parentAcl()));
            return new OpResult.DeleteResult();
        } else if (write instanceof PlannedWrite.SetData setData) {
            Node node = store.setData(setData.path(), setData.data(), setData.newVersion(), request.zxid(),
                    request.timeMillis());
            triggers.add(new WatchTrigger(setData.path(), EventType.NODE_DATA_CHANGED, node.acl()));
            return new OpResult.SetDataResult(node.toStat(extendedTypesEnabled));
        } else if (write instanceof PlannedWrite.SetAcl setAcl) {
            Node node = store.setAcl(setAcl.path(), setAcl.acl(), setAcl.newAversion());
            // setACL is never part of a multi; its stat rides in a SetDataResult to singleResponse
            return new OpResult.SetDataResult(node.toStat(extendedTypesEnabled));
        }
        return new OpResult.CheckResult();
    }

    /** What a lone write answers: Created for create, the Stat for setData and setACL, null otherwise. */
    private static Object singleResponse(OpResult result) {
        if (result instanceof OpResult.CreateResult created) {
            return new Created(created.path(), created.stat());
        } else if (result instanceof OpResult.SetDataResult setData) {
            return setData.stat();
        }
        return null;
    }

    private static ApplyResult failure(Code code, Object response) {
        return new ApplyResult(code, response, List.of());
    }
}
