package io.chorus.testkit.cli;

import io.chorus.server.cli.SubcommandProvider;

/** Contributes {@code sim} to the {@code ./chorus} launcher (registered in META-INF/services). */
public final class SimSubcommand implements SubcommandProvider {
    @Override
    public String name() {
        return "sim";
    }

    @Override
    public Object command() {
        return new SimCommand();
    }
}
