/**
 * The node's core loop: the driver thread that feeds the consensus protocol and carries out its Ready
 * (group-committed log, apply, replies), recovery at start, snapshots while serving, four-letter words.
 */
package io.chorus.server.node;
