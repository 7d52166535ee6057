/**
 * What a request is before it meets a connection: argument checks (paths, TTLs, ACLs, sizes), the encoded
 * jute record, the reader that turns the reply into a result (registering watches as it goes), and the future
 * the caller holds. Depends on the api module, the wire package, the watch and event packages, and
 * io.chorus.client for its exception types; knows nothing of Netty or sessions.
 */
package io.chorus.client.call;
