package io.chorus.bench.load;

import io.chorus.bench.process.ClientTransport;
import io.chorus.bench.process.SessionOpener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.ZooKeeper;

/** The client sessions of one run, opened together and closed together. */
public final class SessionGroup implements AutoCloseable {
    private final List<ZooKeeper> sessions;

    private SessionGroup(List<ZooKeeper> sessions) {
        this.sessions = sessions;
    }

    /** Opens {@code count} connected sessions; if one cannot be opened, closes the others and throws. */
    public static SessionGroup open(String connectString, int count, Duration connectTimeout,
            ClientTransport transport) {
        return open(List.of(connectString), count, connectTimeout, transport);
    }

    /**
     * Opens {@code count} connected sessions, session {@code i} on {@code connectStrings.get(i % size)}: with one
     * server per connect string, the sessions are spread evenly over the servers and each talks to its own only.
     */
    public static SessionGroup open(List<String> connectStrings, int count, Duration connectTimeout,
            ClientTransport transport) {
        if (connectStrings.isEmpty()) {
            throw new IllegalArgumentException("no connect string");
        }
        List<ZooKeeper> opened = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                String connectString = connectStrings.get(i % connectStrings.size());
                opened.add(SessionOpener.open(connectString, connectTimeout, transport));
            }
            return new SessionGroup(List.copyOf(opened));
        } catch (RuntimeException e) {
            opened.forEach(SessionOpener::close);
            throw e;
        }
    }

    public int size() {
        return sessions.size();
    }

    public ZooKeeper get(int index) {
        return sessions.get(index);
    }

    @Override
    public void close() {
        sessions.forEach(SessionOpener::close);
    }
}
