package io.chorus.server.cli;

import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./chorus}: the one launcher. Subcommands from other modules join through {@link SubcommandProvider}. */
@Command(name = "chorus", mixinStandardHelpOptions = true, version = "chorus 0.1.0",
        description = "A coordination service with ZooKeeper's model and a swappable consensus protocol.",
        subcommands = {ServerCommand.class, ShellCommand.class, ClusterCommand.class})
public final class ChorusCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ChorusCommand());
        // "shell create -e /x": everything after the shell's first word belongs to the shell command.
        cli.getSubcommands().get("shell").setStopAtPositional(true);
        for (SubcommandProvider provider : ServiceLoader.load(SubcommandProvider.class)) {
            cli.addSubcommand(provider.name(), provider.command());
        }
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
