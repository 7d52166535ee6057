/**
 * The node's typed configuration: embedded defaults, a zoo.cfg-style file, flags; refused values name their key.
 * A node is standalone, or one member of an ensemble ({@link io.chorus.server.config.EnsembleConfig}: zoo.cfg's
 * server.N lines and the id in dataDir/myid).
 */
package io.chorus.server.config;
