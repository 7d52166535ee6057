/**
 * The event thread: where watchers are called and reply futures complete, in wire order. Depends on the api
 * module only.
 */
package io.chorus.client.event;
