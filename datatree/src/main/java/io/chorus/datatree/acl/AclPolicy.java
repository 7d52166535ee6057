package io.chorus.datatree.acl;

import io.chorus.api.Acl;
import io.chorus.api.ChorusException;
import io.chorus.api.Code;
import io.chorus.api.Id;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/** ZooKeeper's ACL rules: which requested ACLs are acceptable (and what "auth" expands to), and who may do what. */
public final class AclPolicy {
    private static final String WORLD = "world";
    private static final String ANYONE = "anyone";
    private static final String AUTH = "auth";
    private static final String SUPER = "super";

    private AclPolicy() {
    }

    /**
     * ZooKeeper's fixupACL: drops duplicates, expands each ("auth", _) entry into one entry per
     * authenticated id of the requester (digest ids; ip and super ids are not "authenticated"), and
     * rejects with INVALIDACL an empty list, a null entry, ("world", anything but "anyone"), an unknown
     * scheme, a malformed ip or digest id, or "auth" when the requester has no authenticated id.
     */
    public static List<Acl> fixup(String path, List<Acl> requested, List<Id> authIds) throws ChorusException {
        if (requested == null || requested.isEmpty()) {
            throw new ChorusException(Code.INVALIDACL, path);
        }
        // One entry (the usual OPEN_ACL_UNSAFE) has no duplicates to drop: no set to build per create.
        Collection<Acl> unique = requested.size() == 1 ? requested : new LinkedHashSet<>(requested);
        List<Acl> fixed = new ArrayList<>(unique.size());
        for (Acl acl : unique) {
            if (acl == null) {
                throw new ChorusException(Code.INVALIDACL, path);
            }
            Id id = acl.id();
            if (id.scheme().equals(WORLD) && id.id().equals(ANYONE)) {
                fixed.add(acl);
            } else if (id.scheme().equals(AUTH)) {
                expandAuth(path, acl.perms(), authIds, fixed);
            } else {
                AuthScheme scheme = AuthScheme.named(id.scheme());
                if (scheme == null || !scheme.isValidAclId(id.id())) {
                    throw new ChorusException(Code.INVALIDACL, path);
                }
                fixed.add(acl);
            }
        }
        return List.copyOf(fixed);
    }

    /**
     * ZooKeeper's checkACL: true when {@code authIds} hold {@code perm} (any bit of it) on a node with
     * this ACL. An empty ACL grants everything; a ("super", _) id grants everything.
     */
    public static boolean grants(List<Acl> acl, int perm, List<Id> authIds) {
        if (acl == null || acl.isEmpty()) {
            return true;
        }
        for (Id authId : authIds) {
            if (authId.scheme().equals(SUPER)) {
                return true;
            }
        }
        for (Acl entry : acl) {
            if ((entry.perms() & perm) != 0 && entryMatches(entry.id(), authIds)) {
                return true;
            }
        }
        return false;
    }

    private static boolean entryMatches(Id aclId, List<Id> authIds) {
        if (aclId.scheme().equals(WORLD) && aclId.id().equals(ANYONE)) {
            return true;
        }
        AuthScheme scheme = AuthScheme.named(aclId.scheme());
        if (scheme == null) {
            return false;
        }
        for (Id authId : authIds) {
            if (authId.scheme().equals(aclId.scheme()) && scheme.matches(authId.id(), aclId.id())) {
                return true;
            }
        }
        return false;
    }

    private static void expandAuth(String path, int perms, List<Id> authIds, List<Acl> into) throws ChorusException {
        boolean expanded = false;
        for (Id authId : authIds) {
            AuthScheme scheme = AuthScheme.named(authId.scheme());
            if (scheme != null && scheme.isAuthenticated()) {
                into.add(new Acl(perms, authId));
                expanded = true;
            }
        }
        if (!expanded) {
            throw new ChorusException(Code.INVALIDACL, path);
        }
    }
}
