package io.chorus.datatree.snapshot;

import java.io.IOException;

/**
 * A record whose bytes passed their checksum but do not decode (a varint too long or out of range):
 * the reader reports it as a corrupt snapshot, by name.
 */
final class MalformedRecordException extends IOException {
    MalformedRecordException(String message) {
        super(message);
    }
}
