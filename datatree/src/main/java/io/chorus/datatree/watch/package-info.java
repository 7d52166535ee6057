/**
 * Watches, per server and not replicated: which session watches which path how, which notifications
 * a change produces (ZooKeeper 3.9's WatchManager semantics, with its data and child watch tables),
 * and the missed notifications a reconnecting client gets from setWatches. Depends on the api module
 * and on {@link io.chorus.datatree.DataTree} (for setWatches).
 */
package io.chorus.datatree.watch;
