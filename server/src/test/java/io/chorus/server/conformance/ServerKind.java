package io.chorus.server.conformance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;

/** The servers the suite runs against. */
enum ServerKind {
    /** Apache ZooKeeper 3.9 in process: the reference. */
    ZOOKEEPER {
        @Override
        ServerUnderTest start(ServerSettings settings, Path dataDir) throws IOException {
            return RealZooKeeper.start(settings, dataDir);
        }
    },
    /** The server under test. */
    CHORUS {
        @Override
        ServerUnderTest start(ServerSettings settings, Path dataDir) throws IOException {
            return ChorusUnderTest.start(settings, dataDir);
        }
    },
    /** Three Chorus server processes running Zab, with the clients spread over them. */
    CHORUS_ENSEMBLE {
        @Override
        ServerUnderTest start(ServerSettings settings, Path dataDir) throws IOException {
            return ChorusClusterUnderTest.start(this, "zab", settings, dataDir);
        }
    },
    /** Three Chorus server processes running paxos-lite: everything above the consensus SPI must look the same. */
    CHORUS_PAXOS_ENSEMBLE {
        @Override
        ServerUnderTest start(ServerSettings settings, Path dataDir) throws IOException {
            return ChorusClusterUnderTest.start(this, "paxos-lite", settings, dataDir);
        }
    };

    /** System property naming the kinds to run, comma separated; all of them when absent. */
    static final String SELECTION_PROPERTY = "conformance.servers";

    abstract ServerUnderTest start(ServerSettings settings, Path dataDir) throws IOException;

    /** The kinds this run covers: the source of every {@link OnEachServer} test. */
    static Stream<ServerKind> selected() {
        String selection = System.getProperty(SELECTION_PROPERTY, "").trim();
        if (selection.isEmpty()) {
            return Arrays.stream(values());
        }
        return Arrays.stream(selection.split(",")).map(ServerKind::named);
    }

    private static ServerKind named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SELECTION_PROPERTY + " names an unknown server \"" + name
                    + "\"; known: " + Arrays.toString(values()), e);
        }
    }
}
