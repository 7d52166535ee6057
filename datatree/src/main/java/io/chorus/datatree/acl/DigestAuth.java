package io.chorus.datatree.acl;

import io.chorus.api.Id;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The digest scheme's id for a "user:password" credential, exactly as ZooKeeper generates it. */
public final class DigestAuth {
    private DigestAuth() {
    }

    /** ("digest", "user:" + base64(sha1("user:password"))); the whole input is hashed, the id keeps the user. */
    public static Id digestId(String userColonPassword) {
        String user = userColonPassword.split(":", 2)[0];
        byte[] sha1 = sha1().digest(userColonPassword.getBytes(StandardCharsets.UTF_8));
        return new Id("digest", user + ":" + Base64.getEncoder().encodeToString(sha1));
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-1", e);
        }
    }
}
