package io.chorus.client.testkit;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;

/**
 * The server the client tests talk to, seen only through its client port: they never reach into its
 * internals, so the same tests run against Apache ZooKeeper and against a Chorus server. By default it is
 * {@link EmbeddedZooKeeper}; set the system property {@value #FACTORY_PROPERTY} to the name of a
 * {@link Factory} class (with a no-argument constructor) to run them against another server.
 *
 * <p>What the tests need from the server: session timeouts of 1 to 30 s granted as asked, expiry checked at
 * least every 100 ms or so, TTL nodes enabled, and empty containers and expired TTL nodes removed within about
 * a second.
 */
public interface ServerUnderTest extends AutoCloseable {
    String FACTORY_PROPERTY = "chorus.client.tests.server";

    /** {@code host:port} of the client port. */
    String connectString();

    /** Stops the server and starts it again on the same port from the same data directory. */
    void restart() throws IOException;

    /** Stops the server and releases its port, threads and files. */
    @Override
    void close();

    /** Starts servers for the tests. */
    interface Factory {
        ServerUnderTest start(Path dataDir) throws IOException;
    }

    /** Starts the configured kind of server with its data in {@code dataDir}. */
    static ServerUnderTest start(Path dataDir) throws IOException {
        String factoryClass = System.getProperty(FACTORY_PROPERTY, "").trim();
        if (factoryClass.isEmpty()) {
            return EmbeddedZooKeeper.start(dataDir);
        }
        try {
            Factory factory = (Factory) Class.forName(factoryClass).getDeclaredConstructor().newInstance();
            return factory.start(dataDir);
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                | InvocationTargetException | ClassCastException e) {
            throw new IllegalStateException(FACTORY_PROPERTY + "=" + factoryClass + " is not a usable "
                    + Factory.class.getName(), e);
        }
    }
}
