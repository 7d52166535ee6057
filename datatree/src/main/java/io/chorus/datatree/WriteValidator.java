package io.chorus.datatree;

import io.chorus.api.Acl;
import io.chorus.api.ChorusException;
import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.Id;
import io.chorus.datatree.acl.AclPolicy;
import io.chorus.datatree.node.EphemeralOwner;
import io.chorus.datatree.path.PathValidator;
import io.chorus.datatree.txn.TxnBody;
import java.util.List;
import java.util.Locale;

/**
 * ZooKeeper's request preparation (PrepRequestProcessor) for one write: the same checks, in the same
 * order, with the same result codes, against the tree as earlier ops of the transaction left it.
 * Throws {@link ChorusException} with the code of the first failed check; on success records the
 * change in the {@link PendingChanges} and returns it resolved.
 */
final class WriteValidator {
    private final SessionTable sessions;
    private final boolean extendedTypesEnabled;

    WriteValidator(SessionTable sessions, boolean extendedTypesEnabled) {
        this.sessions = sessions;
        this.extendedTypesEnabled = extendedTypesEnabled;
    }

    /** Context every check may need: who asks, and the zxid and time the change would get. */
    record Request(long sessionId, List<Id> authIds, long zxid, long timeMillis) {
    }

    /** The ops a multi may hold (ZooKeeper's: create, delete, setData, check); others are UNIMPLEMENTED there. */
    PlannedWrite validateMultiOp(TxnBody op, Request request, PendingChanges pending) throws ChorusException {
        if (op instanceof TxnBody.Create || op instanceof TxnBody.Delete || op instanceof TxnBody.SetData
                || op instanceof TxnBody.Check) {
            return validate(op, request, pending);
        }
        throw new ChorusException(op == null ? Code.BADARGUMENTS : Code.UNIMPLEMENTED);
    }

    PlannedWrite validate(TxnBody body, Request request, PendingChanges pending) throws ChorusException {
        if (body instanceof TxnBody.Create create) {
            return create(create, request, pending);
        } else if (body instanceof TxnBody.Delete delete) {
            return delete(delete, request, pending);
        } else if (body instanceof TxnBody.SetData setData) {
            return setData(setData, request, pending);
        } else if (body instanceof TxnBody.SetAcl setAcl) {
            return setAcl(setAcl, request, pending);
        } else if (body instanceof TxnBody.Check check) {
            return check(check, request, pending);
        } else if (body instanceof TxnBody.DeleteContainer deleteContainer) {
            return deleteContainer(deleteContainer, pending);
        } else if (body instanceof TxnBody.DeleteExpiredTtl deleteTtl) {
            return deleteExpiredTtl(deleteTtl, request, pending);
        }
        throw new IllegalArgumentException("not a single write: " + body);
    }

    private PlannedWrite create(TxnBody.Create create, Request request, PendingChanges pending)
            throws ChorusException {
        String path = create.path();
        CreateMode mode = create.mode();
        if (mode == null) {
            throw new ChorusException(Code.BADARGUMENTS, path);
        }
        if (mode.isTtl() && !extendedTypesEnabled) {
            throw new ChorusException(Code.UNIMPLEMENTED, path);
        }
        boolean ttlValid = mode.isTtl() ? EphemeralOwner.isValidTtl(create.ttlMillis()) : create.ttlMillis() < 0;
        if (!ttlValid) {
            throw new ChorusException(Code.BADARGUMENTS, path);
        }
        if (mode.isEphemeral() && !sessions.contains(request.sessionId())) {
            throw new ChorusException(Code.SESSIONEXPIRED, path);
        }
        // As ZooKeeper: only a slash and no NUL are required before the parent is looked up, so a malformed
        // path under a missing parent is NONODE; the whole path is validated once its name is known.
        int slash = path == null ? -1 : path.lastIndexOf('/');
        if (slash < 0 || path.indexOf('\0') >= 0) {
            throw new ChorusException(Code.BADARGUMENTS, path);
        }
        List<Acl> acl = AclPolicy.fixup(path, create.acl(), request.authIds());
        String parentPath = slash == 0 ? "/" : path.substring(0, slash);
        PendingNode parent = existing(pending, parentPath, path);
        requirePermission(parent, Acl.CREATE, request, path);
        String target = mode.isSequential() ? path + String.format(Locale.ROOT, "%010d", parent.cversion()) : path;
        PathValidator.validate(target);
        if (pending.get(target) != null) {
            throw new ChorusException(Code.NODEEXISTS, target);
        }
        if (EphemeralOwner.of(parent.ephemeralOwner(), extendedTypesEnabled) == EphemeralOwner.SESSION) {
            throw new ChorusException(Code.NOCHILDRENFOREPHEMERALS, target);
        }
        long owner = ownerFor(mode, create.ttlMillis(), request.sessionId());
        pending.created(parentPath, parent, target, PendingNode.created(owner, request.zxid(), request.timeMillis(), acl));
        return new PlannedWrite.Create(parentPath, target, create.data(), acl, owner, parent.acl());
    }

    private PlannedWrite delete(TxnBody.Delete delete, Request request, PendingChanges pending)
            throws ChorusException {
        String path = delete.path();
        validateDeletablePath(path);
        String parentPath = PathValidator.parent(path);
        PendingNode parent = existing(pending, parentPath, path);
        requirePermission(parent, Acl.DELETE, request, path);
        PendingNode node = existing(pending, path, path);
        requireVersion(node.version(), delete.version(), path);
        if (node.childCount() > 0) {
            throw new ChorusException(Code.NOTEMPTY, path);
        }
        pending.deleted(parentPath, parent, path);
        return new PlannedWrite.Delete(parentPath, path, node.acl(), parent.acl());
    }

    private PlannedWrite setData(TxnBody.SetData setData, Request request, PendingChanges pending)
            throws ChorusException {
        String path = setData.path();
        PathValidator.validate(path);
        PendingNode node = existing(pending, path, path);
        requirePermission(node, Acl.WRITE, request, path);
        requireVersion(node.version(), setData.version(), path);
        int newVersion = node.version() + 1;
        pending.updated(path, node.withData(newVersion, request.zxid(), request.timeMillis()));
        return new PlannedWrite.SetData(path, setData.data(), newVersion);
    }

    private PlannedWrite setAcl(TxnBody.SetAcl setAcl, Request request, PendingChanges pending)
            throws ChorusException {
        String path = setAcl.path();
        PathValidator.validate(path);
        List<Acl> acl = AclPolicy.fixup(path, setAcl.acl(), request.authIds());
        PendingNode node = existing(pending, path, path);
        requirePermission(node, Acl.ADMIN, request, path);
        requireVersion(node.aversion(), setAcl.aclVersion(), path);
        int newAversion = node.aversion() + 1;
        pending.updated(path, node.withAcl(newAversion, acl));
        return new PlannedWrite.SetAcl(path, acl, newAversion);
    }

    private PlannedWrite check(TxnBody.Check check, Request request, PendingChanges pending)
            throws ChorusException {
        String path = check.path();
        PathValidator.validate(path);
        PendingNode node = existing(pending, path, path);
        requirePermission(node, Acl.READ, request, path);
        requireVersion(node.version(), check.version(), path);
        return new PlannedWrite.Check(path);
    }

    /** Server-initiated; re-checks that the container is still empty and was used (it may have changed since). */
    private PlannedWrite deleteContainer(TxnBody.DeleteContainer delete, PendingChanges pending)
            throws ChorusException {
        String path = delete.path();
        validateDeletablePath(path);
        PendingNode node = existing(pending, path, path);
        if (node.childCount() > 0) {
            throw new ChorusException(Code.NOTEMPTY, path);
        }
        boolean usedContainer = EphemeralOwner.of(node.ephemeralOwner(), extendedTypesEnabled)
                == EphemeralOwner.CONTAINER && node.cversion() > 0;
        if (!usedContainer) {
            throw new ChorusException(Code.BADVERSION, path);
        }
        String parentPath = PathValidator.parent(path);
        PendingNode parent = existing(pending, parentPath, path);
        pending.deleted(parentPath, parent, path);
        return new PlannedWrite.Delete(parentPath, path, node.acl(), parent.acl());
    }

    /** Server-initiated; re-checks emptiness, the mzxid seen by housekeeping and expiry at the transaction's time. */
    private PlannedWrite deleteExpiredTtl(TxnBody.DeleteExpiredTtl delete, Request request, PendingChanges pending)
            throws ChorusException {
        String path = delete.path();
        validateDeletablePath(path);
        PendingNode node = existing(pending, path, path);
        if (node.childCount() > 0) {
            throw new ChorusException(Code.NOTEMPTY, path);
        }
        boolean isTtl = EphemeralOwner.of(node.ephemeralOwner(), extendedTypesEnabled) == EphemeralOwner.TTL;
        boolean expired = isTtl && node.mzxid() == delete.mzxid()
                && request.timeMillis() - node.mtime() > EphemeralOwner.ttlMillis(node.ephemeralOwner());
        if (!expired) {
            throw new ChorusException(Code.BADVERSION, path);
        }
        String parentPath = PathValidator.parent(path);
        PendingNode parent = existing(pending, parentPath, path);
        pending.deleted(parentPath, parent, path);
        return new PlannedWrite.Delete(parentPath, path, node.acl(), parent.acl());
    }

    private static void validateDeletablePath(String path) throws ChorusException {
        PathValidator.validate(path);
        if (SystemNodes.isProtected(path)) {
            throw new ChorusException(Code.BADARGUMENTS, path);
        }
    }

    private static PendingNode existing(PendingChanges pending, String path, String reportedPath)
            throws ChorusException {
        PendingNode node = pending.get(path);
        if (node == null) {
            throw new ChorusException(Code.NONODE, reportedPath);
        }
        return node;
    }

    private static void requirePermission(PendingNode node, int perm, Request request, String path)
            throws ChorusException {
        if (!AclPolicy.grants(node.acl(), perm, request.authIds())) {
            throw new ChorusException(Code.NOAUTH, path);
        }
    }

    private static void requireVersion(int current, int expected, String path) throws ChorusException {
        if (expected != -1 && expected != current) {
            throw new ChorusException(Code.BADVERSION, path);
        }
    }

    private static long ownerFor(CreateMode mode, long ttlMillis, long sessionId) {
        if (mode.isContainer()) {
            return EphemeralOwner.CONTAINER_OWNER;
        } else if (mode.isTtl()) {
            return EphemeralOwner.ttlOwner(ttlMillis);
        } else if (mode.isEphemeral()) {
            return sessionId;
        }
        return 0;
    }
}
