package io.chorus.bench;

import io.chorus.server.cli.SubcommandProvider;

/** Contributes {@code bench} to the {@code ./chorus} launcher (registered in META-INF/services). */
public final class BenchSubcommand implements SubcommandProvider {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public Object command() {
        return new BenchCommand();
    }
}
