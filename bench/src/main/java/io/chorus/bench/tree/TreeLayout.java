package io.chorus.bench.tree;

/**
 * Where the tree workload's nodes live: {@code /chorus-tree/p00000 ..} parents, node i under parent
 * {@code i % parents} as {@code n00000000 + i}. Fixed-width names, so both servers hold the same bytes.
 */
final class TreeLayout {
    static final String ROOT = "/chorus-tree";

    private final int nodes;
    private final int parents;

    TreeLayout(int nodes, int parents) {
        this.nodes = nodes;
        this.parents = parents;
    }

    String parent(int index) {
        return String.format("%s/p%05d", ROOT, index);
    }

    String node(int index) {
        return String.format("%s/n%08d", parent(index % parents), index);
    }

    /** The node created last, which a restarted server must serve. */
    String lastNode() {
        return node(nodes - 1);
    }
}
