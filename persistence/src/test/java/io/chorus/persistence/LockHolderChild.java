package io.chorus.persistence;

import java.nio.file.Path;

/**
 * A second process for {@link DataDirectoryTest}: opens a data directory, prints {@code locked}, and holds it
 * until its stdin closes, then closes it and exits. Usage: {@code LockHolderChild <dataDir>}.
 */
public final class LockHolderChild {
    private LockHolderChild() {
    }

    public static void main(String[] args) throws Exception {
        try (DataDirectory data = DataDirectory.open(Path.of(args[0]))) {
            System.out.println("locked " + data.dataDir());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until stdin closes
            }
        }
        System.out.println("released");
    }
}
