/**
 * The session and its connection: connecting and reconnecting across servers, the handshake, xids and the
 * in-order reply check, pings, credentials and watches presented again after a reconnect, expiry and close.
 * All of it runs on one Netty event loop. Depends on the call, transport, watch and event packages, the wire
 * package and io.chorus.client's configuration and exception types.
 */
package io.chorus.client.session;
