/**
 * Byte-level building blocks shared by the transaction codec, the snapshot format and the node
 * store: an injective string encoding, a bounds-checked reader that turns every malformed or
 * truncated input into an {@link java.io.IOException} naming what was being read, and a writer into an
 * array sized in advance. Depends on the JDK only.
 */
package io.chorus.datatree.codec;
