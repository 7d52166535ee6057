package io.chorus.datatree.node;

/**
 * The tree as it was when a snapshot began: a root no later change touches (the store copies shared
 * nodes before changing them), with the digest and node count of that moment. Released with
 * {@link NodeStore#release(FrozenTree)}.
 */
public record FrozenTree(Node root, int generation, long digest, int nodeCount) {
}
