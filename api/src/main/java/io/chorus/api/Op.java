package io.chorus.api;

import java.util.List;

/** One operation of a {@code multi}: a transaction (writes and checks) or a multi-read (reads only). */
public sealed interface Op {
    String path();

    record Create(String path, byte[] data, List<Acl> acl, CreateMode mode, long ttlMillis) implements Op {
        public Create(String path, byte[] data, List<Acl> acl, CreateMode mode) {
            this(path, data, acl, mode, -1);
        }
    }

    record Delete(String path, int version) implements Op {
    }

    record SetData(String path, byte[] data, int version) implements Op {
    }

    record Check(String path, int version) implements Op {
    }

    record GetData(String path) implements Op {
    }

    record GetChildren(String path) implements Op {
    }

    /** True for the operations a read-only multi may hold. */
    default boolean isRead() {
        return this instanceof GetData || this instanceof GetChildren;
    }
}
