package io.chorus.bench.load;

import io.chorus.bench.process.BenchException;
import java.io.PrintWriter;
import java.util.random.RandomGenerator;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * The pre-created keys reads and writes pick from: {@code /chorus-bench/keys-<valueBytes>b/k0000000..}.
 * The value size is part of the name, so a re-run against the same server with another size does not
 * read values of the old one.
 */
public final class KeySpace {
    /** Everything the bench writes on a server it did not start lives under this node. */
    public static final String ROOT = "/chorus-bench";

    private final String directory;
    private final int keyCount;

    public KeySpace(int keyCount, int valueBytes) {
        if (keyCount < 1) {
            throw new IllegalArgumentException("keyCount must be positive: " + keyCount);
        }
        this.directory = ROOT + "/keys-" + valueBytes + "b";
        this.keyCount = keyCount;
    }

    public String directory() {
        return directory;
    }

    public int keyCount() {
        return keyCount;
    }

    public String key(int index) {
        return String.format("%s/k%07d", directory, index);
    }

    public String randomKey(RandomGenerator random) {
        return key(random.nextInt(keyCount));
    }

    /** Creates the keys that do not exist yet, each holding {@code value}. */
    public void prepare(SessionGroup sessions, byte[] value, int inFlightMax, PrintWriter progress) {
        ensureExists(sessions.get(0), ROOT);
        ensureExists(sessions.get(0), directory);
        new BulkCreate(sessions, inFlightMax, true, progress).run("key space", keyCount, this::key, value);
    }

    /** Creates an empty persistent node unless it exists. */
    public static void ensureExists(ZooKeeper zk, String path) {
        try {
            zk.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException e) {
            // Left by an earlier run; exactly what is wanted.
        } catch (KeeperException e) {
            throw new BenchException("cannot create " + path + ": " + e.code(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while creating " + path, e);
        }
    }
}
