package io.chorus.persistence.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Fsyncs directories, so that files created in or deleted from them stay created or deleted after a crash.
 * Forcing a file's data says nothing about the directory entry that names it.
 */
public final class DirectoryFsync {
    private DirectoryFsync() {
    }

    /** Forces {@code directory}'s entries (its list of names) to disk. */
    public static void force(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Creates {@code directory} and any missing parents, fsyncing each parent that gained an entry. */
    public static void createDirectories(Path directory) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = directory.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        while (!missing.isEmpty()) {
            Path created = missing.pop();
            Files.createDirectories(created);
            force(created.getParent());
        }
    }
}
