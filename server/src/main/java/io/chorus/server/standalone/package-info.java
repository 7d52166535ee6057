/** The consensus protocol of an ensemble of one, behind the same SPI as Zab and paxos-lite. */
package io.chorus.server.standalone;
