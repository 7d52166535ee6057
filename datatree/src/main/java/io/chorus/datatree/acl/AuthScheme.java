package io.chorus.datatree.acl;

/**
 * The authentication schemes a node's ACL may name besides ("world", "anyone") — ZooKeeper's default
 * providers. "super" is not one: it is only ever an authenticated id that bypasses every check.
 */
enum AuthScheme {
    IP("ip", false) {
        @Override
        boolean isValidAclId(String id) {
            return IpAddressMatcher.isValid(id);
        }

        @Override
        boolean matches(String authenticatedId, String aclId) {
            return IpAddressMatcher.matches(authenticatedId, aclId);
        }
    },
    DIGEST("digest", true) {
        @Override
        boolean isValidAclId(String id) {
            // ZooKeeper: exactly "user:hash" after String.split(":"), so "u:" and "a:b:c" are invalid
            return id.split(":").length == 2;
        }

        @Override
        boolean matches(String authenticatedId, String aclId) {
            return authenticatedId.equals(aclId);
        }
    };

    private final String scheme;
    /** Whether an id of this scheme proves who the client is (so "auth" ACLs may expand to it). */
    private final boolean authenticated;

    AuthScheme(String scheme, boolean authenticated) {
        this.scheme = scheme;
        this.authenticated = authenticated;
    }

    abstract boolean isValidAclId(String id);

    abstract boolean matches(String authenticatedId, String aclId);

    boolean isAuthenticated() {
        return authenticated;
    }

    /** The scheme with this name, or null when there is no such provider. */
    static AuthScheme named(String scheme) {
        for (AuthScheme s : values()) {
            if (s.scheme.equals(scheme)) {
                return s;
            }
        }
        return null;
    }
}
