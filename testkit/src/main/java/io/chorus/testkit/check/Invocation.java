package io.chorus.testkit.check;

import io.chorus.api.CreateMode;
import io.chorus.api.Op;
import io.chorus.api.ReadConsistency;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The inputs of one client operation, as the client sent them.
 *
 * @param kind         the operation
 * @param path         the znode (for a sequential create, the requested prefix path); null for
 *                     {@link OpKind#MULTI} and {@link OpKind#CLOSE_SESSION}
 * @param data         the data of a create or setData, else null
 * @param version      the expected version of a delete, setData or check (-1 = any), else -1
 * @param mode         the create mode of a create, else null
 * @param ops          the operations of a multi (create, delete, setData, check), else an empty list
 * @param consistency  for reads: the consistency the client asked for (LOCAL for ZooKeeper's own reads);
 *                     null for every other operation. ZooKeeper's default reads are only sequentially
 *                     consistent, so the linearizability checker looks at reads only when they asked to be
 *                     {@link ReadConsistency#LINEARIZABLE} or {@link ReadConsistency#LEADER} (or when told to
 *                     check every read)
 */
public record Invocation(OpKind kind, String path, byte[] data, int version, CreateMode mode, List<Op> ops,
                         ReadConsistency consistency) {

    public Invocation {
        Objects.requireNonNull(kind, "kind");
        if (consistency == null && (kind == OpKind.GET_DATA || kind == OpKind.EXISTS || kind == OpKind.GET_CHILDREN)) {
            consistency = ReadConsistency.LOCAL;
        }
        ops = ops == null ? List.of() : List.copyOf(ops);
        data = data == null ? null : data.clone();
    }

    public static Invocation create(String path, byte[] data, CreateMode mode) {
        return new Invocation(OpKind.CREATE, path, data, -1, mode, List.of(), null);
    }

    public static Invocation delete(String path, int version) {
        return new Invocation(OpKind.DELETE, path, null, version, null, List.of(), null);
    }

    public static Invocation setData(String path, byte[] data, int version) {
        return new Invocation(OpKind.SET_DATA, path, data, version, null, List.of(), null);
    }

    public static Invocation check(String path, int version) {
        return new Invocation(OpKind.CHECK, path, null, version, null, List.of(), null);
    }

    public static Invocation multi(List<Op> ops) {
        return new Invocation(OpKind.MULTI, null, null, -1, null, ops, null);
    }

    public static Invocation getData(String path) {
        return new Invocation(OpKind.GET_DATA, path, null, -1, null, List.of(), null);
    }

    public static Invocation exists(String path) {
        return new Invocation(OpKind.EXISTS, path, null, -1, null, List.of(), null);
    }

    public static Invocation getChildren(String path) {
        return new Invocation(OpKind.GET_CHILDREN, path, null, -1, null, List.of(), null);
    }

    public static Invocation sync(String path) {
        return new Invocation(OpKind.SYNC, path, null, -1, null, List.of(), null);
    }

    public static Invocation closeSession() {
        return new Invocation(OpKind.CLOSE_SESSION, null, null, -1, null, List.of(), null);
    }

    /** The same read, marked as asked with linearizable consistency. */
    public Invocation asLinearizableRead() {
        return withConsistency(ReadConsistency.LINEARIZABLE);
    }

    /** The same read, asked with {@code readConsistency}. */
    public Invocation withConsistency(ReadConsistency readConsistency) {
        if (consistency == null) {
            throw new IllegalArgumentException(kind + " is not a read");
        }
        return new Invocation(kind, path, data, version, mode, ops, Objects.requireNonNull(readConsistency));
    }

    /**
     * A read the checkers hold to linearizability: one asked LINEARIZABLE, or LEADER (served by the leader, as
     * Chubby's master serves reads). A LEADER read is not confirmed, so a leader cut off from the others could
     * serve a stale one until it notices; the simulator's seeds have never shown one, and a seed that does is a
     * finding about LEADER reads.
     */
    public boolean linearizable() {
        return consistency == ReadConsistency.LINEARIZABLE || consistency == ReadConsistency.LEADER;
    }

    @Override
    public byte[] data() {
        return data == null ? null : data.clone();
    }

    /** Every znode path this operation names (the multi's sub-operations' paths, in order). */
    public List<String> paths() {
        if (kind == OpKind.MULTI) {
            return ops.stream().map(Op::path).toList();
        }
        return path == null ? List.of() : List.of(path);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Invocation i && kind == i.kind && Objects.equals(path, i.path)
                && Arrays.equals(data, i.data) && version == i.version && mode == i.mode
                && ops.equals(i.ops) && consistency == i.consistency;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, path, Arrays.hashCode(data), version, mode, ops, consistency);
    }

    private String readTag() {
        return consistency == ReadConsistency.LOCAL ? "" : consistency == ReadConsistency.LINEARIZABLE ? "[lin]"
                : "[" + consistency.name().toLowerCase(java.util.Locale.ROOT) + "]";
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CREATE -> "create(" + path + ", " + Text.bytes(data) + ", " + mode + ")";
            case DELETE -> "delete(" + path + ", v=" + version + ")";
            case SET_DATA -> "setData(" + path + ", " + Text.bytes(data) + ", v=" + version + ")";
            case CHECK -> "check(" + path + ", v=" + version + ")";
            case MULTI -> "multi" + ops.stream().map(Text::op).toList();
            case GET_DATA -> "getData(" + path + ")" + readTag();
            case EXISTS -> "exists(" + path + ")" + readTag();
            case GET_CHILDREN -> "getChildren(" + path + ")" + readTag();
            case SYNC -> "sync(" + path + ")";
            case CLOSE_SESSION -> "closeSession()";
        };
    }
}
