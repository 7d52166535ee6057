/**
 * The {@code bench} command: picocli options, the side-by-side runs (Apache ZooKeeper first, then
 * Chorus, each in its own child JVM with the same heap) and the markdown they print. Reachable as
 * {@code ./chorus bench} through {@link io.chorus.server.cli.SubcommandProvider} or directly through
 * {@link io.chorus.bench.BenchMain}.
 */
package io.chorus.bench;
