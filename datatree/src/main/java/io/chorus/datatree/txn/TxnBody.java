package io.chorus.datatree.txn;

import io.chorus.api.Acl;
import io.chorus.api.CreateMode;
import java.util.List;

/** What a transaction does. Writes are validated when applied (versions, ACLs, paths), deterministically. */
public sealed interface TxnBody {
    /** Opens a session with a negotiated timeout and the password digest the client must present. */
    record CreateSession(int timeoutMillis, byte[] password) implements TxnBody {
    }

    /** Closes (or expires) the header's session: deletes its ephemerals in the same transaction. */
    record CloseSession() implements TxnBody {
    }

    record Create(String path, byte[] data, List<Acl> acl, CreateMode mode, long ttlMillis) implements TxnBody {
    }

    record Delete(String path, int version) implements TxnBody {
    }

    record SetData(String path, byte[] data, int version) implements TxnBody {
    }

    record SetAcl(String path, List<Acl> acl, int aclVersion) implements TxnBody {
    }

    /** A version check; only meaningful inside a {@link Multi}, but valid alone (ZooKeeper's check op). */
    record Check(String path, int version) implements TxnBody {
    }

    /** All-or-nothing: every op applies, or none does and each reports its own result. */
    record Multi(List<TxnBody> ops) implements TxnBody {
    }

    /** Server-initiated: deletes a container node if it is still empty (and had children once). */
    record DeleteContainer(String path) implements TxnBody {
    }

    /** Server-initiated: deletes a TTL node if it still has no children and has not been modified since. */
    record DeleteExpiredTtl(String path, long mzxid) implements TxnBody {
    }
}
