/**
 * Chorus's Java client over ZooKeeper 3.9's client protocol: {@link io.chorus.client.ChorusClients} connects,
 * {@link io.chorus.client.AsyncWireClient} is the asynchronous client and
 * {@link io.chorus.client.BlockingChorusClient} the blocking one on top of it; {@link io.chorus.client.ClientConfig}
 * holds every setting and bound. The sub-packages are the machinery: call (requests and replies), session
 * (the session and its connection), transport (Netty), watch (client-side watches), event (the event thread),
 * wire (the protocol records shared with the server).
 */
package io.chorus.client;
