package io.chorus.server.conformance;

import java.io.IOException;
import java.net.InetSocketAddress;

/** A running server a scenario talks to over loopback; closing it releases its port, threads and files. */
interface ServerUnderTest extends AutoCloseable {

    ServerKind kind();

    InetSocketAddress clientAddress();

    default String connectString() {
        return clientAddress().getHostString() + ":" + clientAddress().getPort();
    }

    /** A test is about to start (an ensemble moves its clients to its next server). */
    default void testStarting() {
    }

    /** Stops the server and starts it again on the same port from the same data directory. */
    void restart() throws IOException;

    /** A digest of the whole data tree, equal for equal trees on the same kind of server. */
    long treeDigest();

    @Override
    void close();
}
