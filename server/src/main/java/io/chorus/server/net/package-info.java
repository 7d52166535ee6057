/**
 * The client port: Netty handlers that frame, decode and encode ZooKeeper's client protocol, bound
 * connections per address and outstanding requests per connection, and answer four-letter words.
 * Nothing here blocks an event loop; requests go to the node's driver thread.
 */
package io.chorus.server.net;
