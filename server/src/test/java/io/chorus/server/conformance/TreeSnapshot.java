package io.chorus.server.conformance;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/** Reads a whole subtree into path order: each node's data and {@link StatShape}, as one line of text. */
final class TreeSnapshot {

    /** Bound on nodes read, so a runaway tree fails the scenario instead of exhausting memory. */
    private static final int NODES_MAX = 100_000;

    private TreeSnapshot() {
    }

    static Map<String, String> read(ZooKeeper zk, String root) throws KeeperException, InterruptedException {
        OutcomeText text = new OutcomeText(zk.getSessionId());
        Map<String, String> nodes = new TreeMap<>();
        Deque<String> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            if (nodes.size() >= NODES_MAX) {
                throw new IllegalStateException("more than " + NODES_MAX + " nodes under " + root);
            }
            String path = pending.pop();
            Stat stat = new Stat();
            byte[] data = zk.getData(path, false, stat);
            nodes.put(path, OutcomeText.data(data) + " " + text.stat(stat));
            for (String child : zk.getChildren(path, false)) {
                pending.push(path.equals("/") ? "/" + child : path + "/" + child);
            }
        }
        return nodes;
    }
}
