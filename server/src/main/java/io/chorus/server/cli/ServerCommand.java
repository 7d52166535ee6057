package io.chorus.server.cli;

import io.chorus.server.ChorusServer;
import io.chorus.server.config.ConfigException;
import io.chorus.server.config.ConfigLoader;
import io.chorus.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chorus server}: one node in the foreground until Ctrl-C or SIGTERM. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run a Chorus node in the foreground: standalone on embedded defaults, or one member of an "
                + "ensemble when --config lists server.N lines.")
public final class ServerCommand implements Callable<Integer> {
    @Option(names = "--config", description = "A zoo.cfg-style file (tickTime, dataDir, clientPort, ...).")
    Path configFile;

    @Option(names = "--port", description = "Client port (default 2181; 0 picks a free one).")
    Integer port;

    @Option(names = "--data-dir", description = "Data directory for snapshots and the log (default ./chorus-data).")
    Path dataDir;

    @Option(names = "--bind", description = "Address the client port binds (default 0.0.0.0).")
    String bind;

    @Option(names = "--id", description = "This server's id in the ensemble the config's server.N lines list "
            + "(default: the dataDir/myid file, as ZooKeeper reads it).")
    Integer id;

    @Option(names = "--protocol", description = "Consensus protocol of the ensemble the config lists: zab (default) "
            + "or paxos-lite; overrides the config's protocol= line.")
    String protocol;

    @Override
    public Integer call() throws Exception {
        ServerConfig config;
        try {
            config = config();
        } catch (ConfigException e) {
            System.err.println("chorus: " + e.getMessage());
            return 2;
        }
        ChorusServer server;
        try {
            server = ChorusServer.start(config);
        } catch (IOException e) {
            System.err.println("chorus: cannot start: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "chorus-shutdown"));
        System.out.println("chorus: serving clients on " + config.clientBindAddress() + ":" + server.clientPort()
                + " (data in " + config.dataDir().toAbsolutePath() + ")" + (config.ensemble() == null ? ""
                        : ", server " + config.ensemble().myId() + " of " + config.ensemble().ids()));
        System.out.flush();
        try {
            server.terminated().join();
            return 0;
        } catch (java.util.concurrent.CompletionException e) {
            System.err.println("chorus: stopped after a fatal error: " + e.getCause());
            return 1;
        }
    }

    ServerConfig config() {
        ServerConfig.Builder builder = ServerConfig.builder();
        if (configFile != null) {
            ConfigLoader.load(configFile, builder);
        }
        if (port != null) {
            builder.clientPort = port;
        }
        if (dataDir != null) {
            builder.dataDir = dataDir;
            builder.dataLogDir = dataDir;
        }
        if (bind != null) {
            builder.clientBindAddress = bind;
        }
        if (id != null) {
            builder.myId = id;
        }
        if (protocol != null) {
            builder.protocol = protocol;
        }
        return builder.build();
    }
}
