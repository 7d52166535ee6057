package io.chorus.server.cli;

import io.chorus.api.ChorusClient;
import io.chorus.api.ChorusException;
import io.chorus.client.ChorusClients;
import io.chorus.server.shell.ShellSession;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chorus shell}: zkCli-style commands against any ZooKeeper-protocol server. */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = "Interactive shell (ls, stat, get, set, create, delete, deleteall, watch, servers). "
                + "With a command after the options it runs that one command and exits.")
public final class ShellCommand implements Callable<Integer> {
    @Option(names = "--server", description = "host:port[,host:port...] (default 127.0.0.1:2181).")
    String server = "127.0.0.1:2181";

    @Option(names = "--timeout-ms", description = "Session timeout in milliseconds (default 30000).")
    int timeoutMillis = 30_000;

    @Parameters(description = "A single command to run, e.g. ls /")
    List<String> command = List.of();

    @Override
    public Integer call() throws Exception {
        ChorusClient client;
        try {
            client = ChorusClients.connect(server, timeoutMillis, event -> { });
        } catch (ChorusException e) {
            System.err.println("chorus: cannot connect to " + server + ": " + e.getMessage());
            return 1;
        }
        try (client) {
            ShellSession shell = new ShellSession(client, System.out, server);
            if (!command.isEmpty()) {
                shell.execute(String.join(" ", command));
                return 0;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            System.out.print("[chorus: " + server + "] ");
            System.out.flush();
            String line;
            while ((line = in.readLine()) != null && shell.execute(line)) {
                System.out.print("[chorus: " + server + "] ");
                System.out.flush();
            }
            return 0;
        }
    }
}
