package io.chorus.bench.process;

import java.util.List;

/** JVM options a user adds to the servers' command lines. */
public final class JvmFlags {
    private JvmFlags() {
    }

    /** {@code flags} as an unmodifiable list, each checked to start with '-'. */
    public static List<String> checked(List<String> flags) {
        for (String flag : flags) {
            if (flag.isEmpty() || flag.charAt(0) != '-') {
                throw new IllegalArgumentException("a JVM option starts with '-', got '" + flag + "'");
            }
        }
        return List.copyOf(flags);
    }
}
