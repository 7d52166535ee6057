package io.chorus.api;

import java.util.List;

/** A znode's ACL with its stat, as {@code getACL} returns it. */
public record AclAndStat(List<Acl> acl, Stat stat) {
}
