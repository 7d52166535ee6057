package io.chorus.server.conformance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.apache.zookeeper.data.Id;

/**
 * A user and password of the "digest" ACL scheme. Computed here rather than with ZooKeeper's
 * DigestAuthenticationProvider because loading that class freezes the JVM-wide super digest (see
 * {@link RealZooKeeper}).
 */
record DigestCredential(String user, String password) {

    /** The super user both servers are started with: it passes every ACL check. */
    static final DigestCredential SUPER = new DigestCredential("super", "conformance-super-secret");

    /** What {@code addAuthInfo("digest", ...)} is given. */
    byte[] authBytes() {
        return (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    }

    /** "user:base64(sha1(user:password))", the id a digest ACL entry names. */
    String digestId() {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(authBytes());
            return user + ":" + Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    Id id() {
        return new Id("digest", digestId());
    }
}
