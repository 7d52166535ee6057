package io.chorus.datatree.path;

import io.chorus.api.ChorusException;
import io.chorus.api.Code;

/**
 * ZooKeeper's znode path rules (its {@code PathUtils.validatePath}): absolute, no empty segment, no
 * trailing slash except for the root, no "." or ".." segment, no NUL, and none of the control,
 * surrogate, private-use or specials characters ZooKeeper rejects.
 */
public final class PathValidator {
    private PathValidator() {
    }

    /** BADARGUMENTS unless {@code path} names a znode. */
    public static void validate(String path) throws ChorusException {
        if (whyInvalid(path) != null) {
            throw new ChorusException(Code.BADARGUMENTS, path);
        }
    }

    /**
     * As {@link #validate(String)}; a sequential create's path is a prefix the server completes with
     * digits, so it is checked as {@code path + "1"} (ZooKeeper's rule: "/a/" is a valid prefix).
     */
    public static void validate(String path, boolean sequential) throws ChorusException {
        validate(sequential && path != null ? path + "1" : path);
    }

    public static boolean isValid(String path) {
        return whyInvalid(path) == null;
    }

    /** Why {@code path} is not a znode path, or null when it is. */
    public static String whyInvalid(String path) {
        if (path == null) {
            return "path is null";
        }
        if (path.isEmpty()) {
            return "path is empty";
        }
        if (path.charAt(0) != '/') {
            return "path must start with /";
        }
        if (path.length() == 1) {
            return null;
        }
        if (path.charAt(path.length() - 1) == '/') {
            return "path must not end with /";
        }
        char previous = '/';
        for (int i = 1; i < path.length(); i++) {
            char c = path.charAt(i);
            String reason = whyInvalidAt(path, i, c, previous);
            if (reason != null) {
                return reason + " at index " + i;
            }
            previous = c;
        }
        return null;
    }

    /** The parent of a path: "/a/b" gives "/a", "/a" gives "/". The root has none. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0 || path.length() == 1) {
            throw new IllegalArgumentException("no parent for path " + path);
        }
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    private static String whyInvalidAt(String path, int i, char c, char previous) {
        if (c == 0) {
            return "null character";
        }
        if (c == '/' && previous == '/') {
            return "empty node name";
        }
        boolean segmentEnds = i + 1 == path.length() || path.charAt(i + 1) == '/';
        if (c == '.' && previous == '.') {
            // ".." only as a whole segment; "a.." or "..." are names
            return path.charAt(i - 2) == '/' && segmentEnds ? "relative path (..)" : null;
        }
        if (c == '.') {
            return previous == '/' && segmentEnds ? "relative path (.)" : null;
        }
        if (isForbiddenCharacter(c)) {
            return "invalid character U+" + Integer.toHexString(c);
        }
        return null;
    }

    private static boolean isForbiddenCharacter(char c) {
        return (c > '\u0000' && c <= '\u001f')
                || (c >= '\u007f' && c <= '\u009f')
                || (c >= '\ud800' && c <= '\uf8ff')
                || c >= '\ufff0';
    }
}
