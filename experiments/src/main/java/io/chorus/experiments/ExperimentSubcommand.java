package io.chorus.experiments;

import io.chorus.server.cli.SubcommandProvider;

/** Contributes {@code experiment} to the {@code ./chorus} launcher (registered in META-INF/services). */
public final class ExperimentSubcommand implements SubcommandProvider {
    @Override
    public String name() {
        return "experiment";
    }

    @Override
    public Object command() {
        return new ExperimentCommand();
    }
}
