package io.chorus.api;

import java.util.List;

/** One access-control entry: a permission mask granted to an identity. */
public record Acl(int perms, Id id) {
    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int CREATE = 4;
    public static final int DELETE = 8;
    public static final int ADMIN = 16;
    public static final int ALL = READ | WRITE | CREATE | DELETE | ADMIN;

    /** World may do anything: ZooKeeper's {@code OPEN_ACL_UNSAFE}. */
    public static final List<Acl> OPEN_ACL_UNSAFE = List.of(new Acl(ALL, Id.ANYONE));
    /** Only the creator's authenticated ids: ZooKeeper's {@code CREATOR_ALL_ACL}. */
    public static final List<Acl> CREATOR_ALL_ACL = List.of(new Acl(ALL, Id.AUTH));
    /** World may read: ZooKeeper's {@code READ_ACL_UNSAFE}. */
    public static final List<Acl> READ_ACL_UNSAFE = List.of(new Acl(READ, Id.ANYONE));
}
