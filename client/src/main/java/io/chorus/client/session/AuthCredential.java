package io.chorus.client.session;

import java.util.Objects;

/** Credentials added with addAuthInfo, kept to be presented again on every new connection. */
record AuthCredential(String scheme, byte[] auth) {
    AuthCredential {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(auth, "auth");
        auth = auth.clone();
    }
}
