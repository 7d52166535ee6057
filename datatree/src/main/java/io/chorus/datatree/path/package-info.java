/**
 * ZooKeeper's path rules: which strings name a znode, and the parent of a path. Depends on the api
 * module only (for the BADARGUMENTS error).
 */
package io.chorus.datatree.path;
