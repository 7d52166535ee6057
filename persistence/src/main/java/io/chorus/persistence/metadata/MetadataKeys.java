package io.chorus.persistence.metadata;

/** What a metadata key may be: a short, non-empty name such as {@code "zab.acceptedEpoch"}. */
final class MetadataKeys {
    static final int KEY_CHARS_MAX = 255;

    private MetadataKeys() {
    }

    static void check(String key) {
        if (key == null || key.isEmpty() || key.length() > KEY_CHARS_MAX) {
            throw new IllegalArgumentException("metadata key must be 1.." + KEY_CHARS_MAX + " characters: "
                    + (key == null ? "null" : key.length() + " characters"));
        }
    }
}
