package io.chorus.api;

import java.util.Objects;

/** An identity in an ACL scheme: ("world", "anyone"), ("digest", "user:hash"), ("ip", "10.0.0.0/8"). */
public record Id(String scheme, String id) {
    public static final Id ANYONE = new Id("world", "anyone");
    /** Placeholder for "the ids the creating session has authenticated as". */
    public static final Id AUTH = new Id("auth", "");

    public Id {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(id, "id");
    }
}
