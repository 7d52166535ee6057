package io.chorus.server.wiring;

import com.google.inject.Module;

/** Which protocol module a node's configuration asks for: the one place the choice is made. */
public final class ProtocolModules {
    private ProtocolModules() {
    }

    public static Module forContext(ProtocolContext context) {
        if (context.config().ensemble() == null) {
            return new StandaloneModule();
        }
        return switch (context.config().ensemble().protocol()) {
            case "zab" -> new ZabModule(context);
            case "paxos-lite" -> new PaxosLiteModule(context);
            default -> throw new IllegalArgumentException("no module for protocol " + context.config().ensemble().protocol());
        };
    }
}
