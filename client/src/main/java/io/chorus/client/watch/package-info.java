/**
 * Client-side watch bookkeeping, as ZooKeeper's client keeps it: which watchers a notification reaches, which
 * paths to re-register after a reconnect. Depends on the api module only.
 */
package io.chorus.client.watch;
