package io.chorus.client.call;

import io.chorus.api.CreateMode;

/**
 * ZooKeeper's rules for znode paths, checked before anything is sent: absolute, no trailing or doubled "/",
 * no "." or ".." segment, no null, control, surrogate or private-use characters. A sequential create may end
 * in "/" since the server appends the counter.
 */
public final class PathValidator {
    private PathValidator() {
    }

    /** Throws IllegalArgumentException naming the rule the path breaks. */
    public static void validate(String path) {
        if (path == null) {
            throw new IllegalArgumentException("Path cannot be null");
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("Path length must be > 0");
        }
        if (path.charAt(0) != '/') {
            throw new IllegalArgumentException("Path must start with / character: \"" + path + "\"");
        }
        if (path.length() == 1) {
            return;
        }
        if (path.charAt(path.length() - 1) == '/') {
            throw new IllegalArgumentException("Path must not end with / character: \"" + path + "\"");
        }
        int segmentStart = 1;
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                checkSegment(path, segmentStart, i);
                segmentStart = i + 1;
            } else {
                checkCharacter(path, i);
            }
        }
    }

    /** Validates the path a create names: with the sequence suffix the server will append, if any. */
    public static void validateForCreate(String path, CreateMode mode) {
        validate(mode.isSequential() && path != null ? path + "1" : path);
    }

    private static void checkSegment(String path, int start, int end) {
        if (start == end) {
            throw invalid(path, "empty node name specified @" + start);
        }
        String segment = path.substring(start, end);
        if (segment.equals(".") || segment.equals("..")) {
            throw invalid(path, "relative paths not allowed @" + (end - 1));
        }
    }

    private static void checkCharacter(String path, int i) {
        char c = path.charAt(i);
        if (c == '\u0000') {
            throw invalid(path, "null character not allowed @" + i);
        }
        boolean control = c <= '\u001f' || (c >= '\u007f' && c <= '\u009f');
        boolean surrogateOrPrivate = c >= '\ud800' && c <= '\uf8ff';
        boolean specials = c >= '\ufff0';
        if (control || surrogateOrPrivate || specials) {
            throw invalid(path, "invalid character @" + i);
        }
    }

    private static IllegalArgumentException invalid(String path, String reason) {
        return new IllegalArgumentException("Invalid path string \"" + path + "\" caused by " + reason);
    }
}
