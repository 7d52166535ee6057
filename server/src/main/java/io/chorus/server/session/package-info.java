/** Session liveness: deadlines pushed by each packet, expiry reported once per session. */
package io.chorus.server.session;
