package io.chorus.bench.report;

import java.util.Objects;

/** What one server gave: a result, or the reason there is none (it failed to start, or the run broke). */
public record ServerOutcome<T>(String server, T result, String failure) {
    public ServerOutcome {
        Objects.requireNonNull(server, "server");
        if ((result == null) == (failure == null)) {
            throw new IllegalArgumentException("exactly one of result and failure must be set");
        }
    }

    public static <T> ServerOutcome<T> succeeded(String server, T result) {
        return new ServerOutcome<>(server, result, null);
    }

    public static <T> ServerOutcome<T> failed(String server, String failure) {
        return new ServerOutcome<>(server, null, failure);
    }

    public boolean ok() {
        return result != null;
    }
}
