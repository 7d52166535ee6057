/** The node's typed configuration: embedded defaults, a zoo.cfg-style file, flags; refused values name their key. */
package io.chorus.server.config;
