package io.chorus.datatree.acl;

import io.chorus.api.Acl;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares one {@link AclList} among all live nodes with an equal ACL, counting references so a list no
 * node uses any more is forgotten (ZooKeeper's reference-counted ACL cache, without numeric ids).
 * Apply thread only.
 */
public final class AclInterner {
    private final Map<List<Acl>, AclList> byContent = new HashMap<>();

    /** The shared list for this content, with one more reference. */
    public AclList retain(List<Acl> acls) {
        AclList list = byContent.computeIfAbsent(List.copyOf(acls), AclList::new);
        list.retain();
        return list;
    }

    /** One reference fewer; the list is forgotten when none remain. */
    public void release(AclList list) {
        if (list.release()) {
            AclList removed = byContent.remove(list.acls());
            if (removed != list) {
                throw new IllegalStateException("released an ACL list that was not interned: " + list);
            }
        }
    }

    /** Distinct ACL lists in use. */
    public int size() {
        return byContent.size();
    }

    /** How many live nodes use this content (0 when unknown); for invariant checks. */
    public int referencesOf(List<Acl> acls) {
        AclList list = byContent.get(acls);
        return list == null ? 0 : list.references();
    }
}
