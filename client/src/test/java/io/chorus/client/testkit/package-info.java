/**
 * What the client tests run against: {@link io.chorus.client.testkit.ServerUnderTest} (Apache ZooKeeper in
 * process by default, or any server through a factory), the {@link io.chorus.client.testkit.LiveServer} JUnit
 * extension that owns it and the test's clients, a {@link io.chorus.client.testkit.TcpProxy} for network
 * faults, a scripted fake server for protocol errors, and an {@link io.chorus.client.testkit.EventLog} watcher.
 * May depend on the client, Netty, ZooKeeper's server (in {@code EmbeddedZooKeeper} only), JUnit and Awaitility.
 */
package io.chorus.client.testkit;
