/**
 * File-system durability primitives shared by the stores: making a directory entry (a created, renamed or
 * deleted file) survive a crash, which {@code FileChannel.force} on the file alone does not do.
 *
 * <p>Depends on the JDK only.
 */
package io.chorus.persistence.fs;
