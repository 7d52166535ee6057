package io.chorus.testkit.sim;

import io.chorus.api.spi.SnapshotStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Snapshots on the simulated disk, as byte arrays; a save is durable on return, as the SPI says. */
public final class SimSnapshotStore implements SnapshotStore {
    private final TreeMap<Long, byte[]> snapshots = new TreeMap<>();

    @Override
    public void save(long zxid, SnapshotWriter writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeTo(out);
        snapshots.put(zxid, out.toByteArray());
    }

    @Override
    public Optional<Snapshot> latestValid() {
        if (snapshots.isEmpty()) {
            return Optional.empty();
        }
        long zxid = snapshots.lastKey();
        byte[] bytes = snapshots.get(zxid);
        return Optional.of(new Snapshot() {
            @Override
            public long zxid() {
                return zxid;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        });
    }

    @Override
    public List<Long> list() {
        return new ArrayList<>(snapshots.descendingKeySet());
    }

    /** The bytes of the snapshot at {@code zxid}. */
    public byte[] bytes(long zxid) {
        byte[] bytes = snapshots.get(zxid);
        if (bytes == null) {
            throw new IllegalArgumentException("no snapshot at 0x" + Long.toHexString(zxid));
        }
        return bytes.clone();
    }

    @Override
    public void retain(int count) {
        while (snapshots.size() > Math.max(0, count)) {
            snapshots.pollFirstEntry();
        }
    }

    @Override
    public void close() {
        // nothing to release
    }
}
