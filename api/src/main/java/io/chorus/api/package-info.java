/**
 * The stable client API: ZooKeeper's operations, data types and result codes (numbered as ZooKeeper's,
 * so results map one-to-one onto the wire). Depends on nothing but the JDK.
 */
package io.chorus.api;
