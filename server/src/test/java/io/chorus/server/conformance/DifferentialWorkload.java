package io.chorus.server.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.CreateOptions;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * A seeded random sequence of operations over a small path space under one root, so that most operations meet
 * interesting states (missing parents, existing nodes, stale versions, ephemeral parents). Each step runs against
 * any client; its outcome is text that must be equal on every server. Paths of sequential nodes the reference
 * server created are fed back with {@link #learn}, so later steps touch them too.
 */
final class DifferentialWorkload {

    /** Fixed names under the root, up to three levels deep. */
    private static final List<String> FIXED_PATHS = List.of("/a", "/b", "/c", "/a/x", "/a/y", "/b/x", "/b/y",
            "/c/x", "/a/x/z", "/b/y/z");
    /** Learned sequential paths kept; beyond this the oldest is forgotten. */
    private static final int LEARNED_PATHS_MAX = 40;
    /** Largest data written, in bytes. */
    private static final int DATA_BYTES_MAX = 8;
    private static final int[] EXPECTED_VERSIONS = {-1, -1, 0, 1, 2};
    private static final CreateMode[] MODES = {CreateMode.PERSISTENT, CreateMode.PERSISTENT, CreateMode.EPHEMERAL,
        CreateMode.PERSISTENT_SEQUENTIAL, CreateMode.EPHEMERAL_SEQUENTIAL};
    /** Operations of one multi, at most. */
    private static final int MULTI_OPS_MAX = 3;

    /** What one step did on one server: its outcome text and the paths it created. */
    record Outcome(String text, List<String> createdPaths) {
    }

    /** One operation, runnable against any client. */
    record Step(String description, Action action) {
        Outcome runOn(ZooKeeper zk) throws InterruptedException {
            OutcomeText text = new OutcomeText(zk.getSessionId());
            try {
                return action.run(zk, text);
            } catch (KeeperException e) {
                return new Outcome(text.failure(e), List.of());
            }
        }

        @Override
        public String toString() {
            return description;
        }
    }

    @FunctionalInterface
    interface Action {
        Outcome run(ZooKeeper zk, OutcomeText text) throws KeeperException, InterruptedException;
    }

    private final SplittableRandom random;
    private final String root;
    private final List<String> learnedPaths = new ArrayList<>();

    DifferentialWorkload(long seed, String root) {
        this.random = new SplittableRandom(seed);
        this.root = root;
    }

    Step next() {
        int roll = random.nextInt(100);
        if (roll < 26) {
            return create();
        } else if (roll < 38) {
            return delete();
        } else if (roll < 52) {
            return setData();
        } else if (roll < 62) {
            return getData();
        } else if (roll < 68) {
            return exists();
        } else if (roll < 76) {
            return getChildren();
        } else if (roll < 77) {
            return allChildrenNumber();
        } else if (roll < 79) {
            return ephemerals();
        } else if (roll < 95) {
            return multi();
        }
        return multiRead();
    }

    /** Takes note of paths the reference created, for later steps to use. */
    void learn(Outcome outcome) {
        for (String path : outcome.createdPaths()) {
            if (!FIXED_PATHS.contains(path.substring(root.length()))) {
                learnedPaths.add(path);
            }
        }
        while (learnedPaths.size() > LEARNED_PATHS_MAX) {
            learnedPaths.remove(0);
        }
    }

    private Step create() {
        String path = pickPath();
        CreateMode mode = pick(MODES);
        String name = mode.isSequential() ? path + "-" : path;
        byte[] data = pickData();
        return new Step("create " + name + " " + mode + " " + OutcomeText.data(data), (zk, text) -> {
            Stat stat = new Stat();
            String created = zk.create(name, data, Ids.OPEN_ACL_UNSAFE, mode, stat);
            return new Outcome("created " + created + " " + text.stat(stat), List.of(created));
        });
    }

    private Step delete() {
        String path = pickPath();
        int version = pick(EXPECTED_VERSIONS);
        return new Step("delete " + path + " version " + version, (zk, text) -> {
            zk.delete(path, version);
            return new Outcome("deleted", List.of());
        });
    }

    private Step setData() {
        String path = pickPath();
        int version = pick(EXPECTED_VERSIONS);
        byte[] data = pickData();
        return new Step("setData " + path + " " + OutcomeText.data(data) + " version " + version,
                (zk, text) -> new Outcome("set " + text.stat(zk.setData(path, data, version)), List.of()));
    }

    private Step getData() {
        String path = pickPath();
        return new Step("getData " + path, (zk, text) -> {
            Stat stat = new Stat();
            byte[] data = zk.getData(path, false, stat);
            return new Outcome("data " + OutcomeText.data(data) + " " + text.stat(stat), List.of());
        });
    }

    private Step exists() {
        String path = pickPath();
        return new Step("exists " + path,
                (zk, text) -> new Outcome("exists " + text.stat(zk.exists(path, false)), List.of()));
    }

    private Step getChildren() {
        String path = random.nextInt(4) == 0 ? root : pickPath();
        return new Step("getChildren " + path, (zk, text) -> {
            Stat stat = new Stat();
            List<String> children = zk.getChildren(path, false, stat);
            return new Outcome("children " + OutcomeText.children(children) + " " + text.stat(stat), List.of());
        });
    }

    private Step allChildrenNumber() {
        String path = random.nextBoolean() ? root : pickPath();
        return new Step("getAllChildrenNumber " + path,
                (zk, text) -> new Outcome("count " + zk.getAllChildrenNumber(path), List.of()));
    }

    private Step ephemerals() {
        String path = random.nextBoolean() ? root : pickPath();
        return new Step("getEphemerals " + path,
                (zk, text) -> new Outcome("ephemerals " + OutcomeText.children(zk.getEphemerals(path)), List.of()));
    }

    private Step multi() {
        int count = 1 + random.nextInt(MULTI_OPS_MAX);
        List<Op> ops = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String path = pickPath();
            int version = pick(EXPECTED_VERSIONS);
            switch (random.nextInt(5)) {
                case 0 -> {
                    CreateMode mode = pick(MODES);
                    String name = mode.isSequential() ? path + "-" : path;
                    boolean withStat = random.nextBoolean();
                    ops.add(withStat
                            ? Op.create(name, pickData(), CreateOptions.newBuilder(Ids.OPEN_ACL_UNSAFE, mode).build())
                            : Op.create(name, pickData(), Ids.OPEN_ACL_UNSAFE, mode));
                    described.add((withStat ? "create2 " : "create ") + name + " " + mode);
                }
                case 1 -> {
                    ops.add(Op.delete(path, version));
                    described.add("delete " + path + " version " + version);
                }
                case 2, 3 -> {
                    ops.add(Op.setData(path, pickData(), version));
                    described.add("setData " + path + " version " + version);
                }
                default -> {
                    ops.add(Op.check(path, version));
                    described.add("check " + path + " version " + version);
                }
            }
        }
        return new Step("multi " + described, (zk, text) -> {
            List<OpResult> results = zk.multi(ops);
            List<String> created = results.stream().filter(OpResult.CreateResult.class::isInstance)
                    .map(r -> ((OpResult.CreateResult) r).getPath()).toList();
            return new Outcome("multi " + text.results(results), created);
        });
    }

    private Step multiRead() {
        int count = 1 + random.nextInt(3);
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String path = pickPath();
            ops.add(random.nextBoolean() ? Op.getData(path) : Op.getChildren(path));
        }
        return new Step("multiRead " + ops.stream().map(op -> op.getType() + " " + op.getPath()).toList(),
                (zk, text) -> new Outcome("multiRead " + text.results(zk.multi(ops)), List.of()));
    }

    private String pickPath() {
        if (!learnedPaths.isEmpty() && random.nextInt(10) < 3) {
            return learnedPaths.get(random.nextInt(learnedPaths.size()));
        }
        return root + FIXED_PATHS.get(random.nextInt(FIXED_PATHS.size()));
    }

    private byte[] pickData() {
        if (random.nextInt(10) == 0) {
            return null;
        }
        byte[] data = new byte[random.nextInt(DATA_BYTES_MAX + 1)];
        random.nextBytes(data);
        return data;
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
