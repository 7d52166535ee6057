package io.chorus.server.ensemble;

import static org.awaitility.Awaitility.await;

import io.chorus.api.spi.Leadership;
import io.chorus.api.spi.Role;
import io.chorus.server.ChorusServer;
import io.chorus.server.config.PeerAddress;
import io.chorus.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** An ensemble of Chorus servers in this JVM, on loopback ports, each with its own data directory. */
public final class LocalEnsemble implements AutoCloseable {
    public static final int TICK_MILLIS = 100;

    private final List<PeerAddress> members = new ArrayList<>();
    private final Path dir;
    private final Consumer<ServerConfig.Builder> tuning;
    private final Map<Integer, ChorusServer> running = new TreeMap<>();

    LocalEnsemble(int size, Path dir, Consumer<ServerConfig.Builder> tuning) {
        this.dir = dir;
        this.tuning = tuning;
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (int id = 1; id <= size; id++) {
            members.add(new PeerAddress(id, "127.0.0.1", freePort(taken), freePort(taken), freePort(taken)));
        }
    }

    public static LocalEnsemble start(int size, Path dir) throws IOException {
        return start(size, dir, b -> { });
    }

    public static LocalEnsemble start(int size, Path dir, Consumer<ServerConfig.Builder> tuning) throws IOException {
        LocalEnsemble ensemble = new LocalEnsemble(size, dir, tuning);
        try {
            for (PeerAddress member : ensemble.members) {
                ensemble.startServer(member.id());
            }
        } catch (IOException | RuntimeException e) {
            ensemble.close();
            throw e;
        }
        return ensemble;
    }

    public void startServer(int id) throws IOException {
        ServerConfig.Builder b = ServerConfig.builder()
                .dataDir(dir.resolve("server-" + id))
                .tickTimeMillis(TICK_MILLIS)
                .myId(id);
        b.clientBindAddress = "127.0.0.1";
        b.clientPort = member(id).clientPort();
        b.servers = new ArrayList<>(members);
        tuning.accept(b);
        running.put(id, ChorusServer.start(b.build()));
    }

    /** Stops a server as a crash would look to its peers: its sockets close; its disk keeps what was synced. */
    public void stopServer(int id) {
        ChorusServer server = running.remove(id);
        if (server != null) {
            server.close();
        }
    }

    public ChorusServer server(int id) {
        return running.get(id);
    }

    public PeerAddress member(int id) {
        return members.get(id - 1);
    }

    public List<Integer> runningIds() {
        return List.copyOf(running.keySet());
    }

    public String connectString() {
        return members.stream().map(m -> "127.0.0.1:" + m.clientPort()).collect(Collectors.joining(","));
    }

    public String connectString(int id) {
        return "127.0.0.1:" + member(id).clientPort();
    }

    /** Waits until the running servers have one leader that every other running server follows; returns it. */
    public int awaitLeader() {
        int[] leader = new int[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            List<Leadership> roles = running.values().stream().map(ChorusServer::leadership).toList();
            long leaders = roles.stream().filter(l -> l.role() == Role.LEADER).count();
            if (leaders != 1) {
                return false;
            }
            Leadership l = roles.stream().filter(r -> r.role() == Role.LEADER).findFirst().orElseThrow();
            boolean allFollow = roles.stream().allMatch(r -> r.role() == Role.LEADER
                    || (r.role() == Role.FOLLOWER && r.leaderId() == l.leaderId() && r.epoch() == l.epoch()));
            leader[0] = l.leaderId();
            return allFollow;
        });
        return leader[0];
    }

    /** Waits until every running server has applied the same zxid and has the same tree digest. */
    public void awaitSameTrees() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            long zxids = running.values().stream().map(ChorusServer::lastAppliedZxid).distinct().count();
            long digests = running.values().stream().map(ChorusServer::treeDigest).distinct().count();
            return zxids == 1 && digests == 1;
        });
    }

    @Override
    public void close() {
        for (int id : List.copyOf(running.keySet())) {
            stopServer(id);
        }
    }

    /** A free port not among {@code taken} (each free port is free only until it is taken), added to it. */
    private static int freePort(java.util.Set<Integer> taken) {
        int port;
        do {
            port = freePort();
        } while (!taken.add(port));
        return port;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
