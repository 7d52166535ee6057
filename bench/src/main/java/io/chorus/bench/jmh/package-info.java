/**
 * JMH micro-benchmarks of the paths every request takes inside a node: applying a transaction to the
 * data tree (create, setData on trees of 10k and 100k nodes, getData), the transaction codec of the log,
 * and the multi request record of the wire; and, off the request path, the snapshot writer's CPU per
 * znode. Run them with {@code org.openjdk.jmh.Main} on the module's classpath (see bench/README.md);
 * they are not tests and never run in {@code mvn verify}.
 */
package io.chorus.bench.jmh;
