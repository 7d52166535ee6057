package io.chorus.client.session;

import io.chorus.api.Code;

/** Where a client's session stands, and what a call gets when it cannot be sent. */
enum SessionState {
    /** No usable connection: connecting, or reconnecting after one was lost. Calls fail fast. */
    CONNECTING(Code.CONNECTIONLOSS),
    /** A session is established on the current connection; calls are sent. */
    CONNECTED(Code.OK),
    /** closeSession was sent; waiting for the server's confirmation. */
    CLOSING(Code.SESSIONEXPIRED),
    /** The client was closed. As in ZooKeeper's client, calls on a closed client fail with SESSIONEXPIRED. */
    CLOSED(Code.SESSIONEXPIRED),
    /** The server declared the session expired; the client will not reconnect. */
    EXPIRED(Code.SESSIONEXPIRED),
    /** The server refused the session's credentials; the client will not reconnect. */
    AUTH_FAILED(Code.AUTHFAILED);

    private final Code refusal;

    SessionState(Code refusal) {
        this.refusal = refusal;
    }

    /** The code a call gets in this state without being sent. */
    Code refusal() {
        return refusal;
    }

    /** True while the client still tries to use or regain its session. */
    boolean isAlive() {
        return this == CONNECTING || this == CONNECTED;
    }
}
