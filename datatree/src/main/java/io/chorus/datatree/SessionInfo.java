package io.chorus.datatree;

import java.util.Arrays;

/**
 * A session in the replicated session table: its id, negotiated timeout and the password a client
 * must present to reconnect. Compared by value; the password never appears in {@link #toString()}.
 */
public record SessionInfo(long sessionId, int timeoutMillis, byte[] password) {
    public SessionInfo {
        password = password.clone();
    }

    @Override
    public byte[] password() {
        return password.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionInfo other && sessionId == other.sessionId
                && timeoutMillis == other.timeoutMillis && Arrays.equals(password, other.password);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sessionId) * 31 + timeoutMillis;
    }

    @Override
    public String toString() {
        return "SessionInfo[0x" + Long.toHexString(sessionId) + ", timeoutMillis=" + timeoutMillis + "]";
    }
}
