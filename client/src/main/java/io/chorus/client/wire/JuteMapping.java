package io.chorus.client.wire;

import io.chorus.api.Acl;
import io.chorus.api.Id;
import io.chorus.api.Stat;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.data.ACL;

/** Converts between the api's records and the jute records of the ZooKeeper wire schema. */
public final class JuteMapping {
    private JuteMapping() {
    }

    public static org.apache.zookeeper.data.Stat toJute(Stat s) {
        return new org.apache.zookeeper.data.Stat(s.czxid(), s.mzxid(), s.ctime(), s.mtime(), s.version(),
                s.cversion(), s.aversion(), s.ephemeralOwner(), s.dataLength(), s.numChildren(), s.pzxid());
    }

    public static Stat fromJute(org.apache.zookeeper.data.Stat s) {
        return new Stat(s.getCzxid(), s.getMzxid(), s.getCtime(), s.getMtime(), s.getVersion(), s.getCversion(),
                s.getAversion(), s.getEphemeralOwner(), s.getDataLength(), s.getNumChildren(), s.getPzxid());
    }

    public static List<ACL> toJute(List<Acl> acl) {
        List<ACL> out = new ArrayList<>(acl.size());
        for (Acl a : acl) {
            out.add(new ACL(a.perms(), new org.apache.zookeeper.data.Id(a.id().scheme(), a.id().id())));
        }
        return out;
    }

    /** Null-safe: a missing ACL list on the wire becomes an empty one (which creation refuses as INVALIDACL). */
    public static List<Acl> fromJute(List<ACL> acl) {
        if (acl == null) {
            return List.of();
        }
        List<Acl> out = new ArrayList<>(acl.size());
        for (ACL a : acl) {
            org.apache.zookeeper.data.Id id = a.getId();
            if (id == null || id.getScheme() == null || id.getId() == null) {
                out.add(new Acl(a.getPerms(), new Id("", "")));
            } else {
                out.add(new Acl(a.getPerms(), new Id(id.getScheme(), id.getId())));
            }
        }
        return out;
    }
}
