/**
 * The ZooKeeper client protocol as Chorus speaks it: opcodes, the multi encodings the jute artifact
 * lacks, and the mapping between jute records and the api's. Shared by the client and the server.
 */
package io.chorus.client.wire;
