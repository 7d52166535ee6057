package io.chorus.datatree;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** Snapshot helpers for tests: a tree's snapshot bytes, and a tree loaded from bytes. */
final class Snapshots {
    private Snapshots() {
    }

    static byte[] bytesOf(DataTree tree) throws IOException {
        try (SnapshotView view = tree.beginSnapshot()) {
            return bytesOf(view);
        }
    }

    static byte[] bytesOf(SnapshotView view) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        view.writeTo(out);
        return out.toByteArray();
    }

    static DataTree load(byte[] bytes) throws IOException {
        return DataTree.readSnapshot(new ByteArrayInputStream(bytes), TreeOptions.DEFAULTS);
    }
}
