/** A Chorus node: {@link io.chorus.server.ChorusServer} assembles and owns everything a node runs. */
package io.chorus.server;
