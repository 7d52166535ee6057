/**
 * ZooKeeper's access control: validating and expanding a requested ACL (fixupACL), deciding whether a
 * set of authenticated ids holds a permission (checkACL), the ip and digest schemes, and interning
 * ACL lists so that the many nodes sharing one ACL share one object. Depends on the api module only.
 */
package io.chorus.datatree.acl;
