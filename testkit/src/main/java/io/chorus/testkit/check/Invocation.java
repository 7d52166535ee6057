package io.chorus.testkit.check;

import io.chorus.api.CreateMode;
import io.chorus.api.Op;
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
 * @param linearizable for reads: the client asked for a linearizable read (a quorum-confirmed leader
 *                     read). ZooKeeper's default reads are only sequentially consistent, so the
 *                     linearizability checker looks at reads only when this is set (or when told to
 *                     check every read)
 */
public record Invocation(OpKind kind, String path, byte[] data, int version, CreateMode mode, List<Op> ops,
                         boolean linearizable) {

    public Invocation {
        Objects.requireNonNull(kind, "kind");
        ops = ops == null ? List.of() : List.copyOf(ops);
        data = data == null ? null : data.clone();
    }

    public static Invocation create(String path, byte[] data, CreateMode mode) {
        return new Invocation(OpKind.CREATE, path, data, -1, mode, List.of(), false);
    }

    public static Invocation delete(String path, int version) {
        return new Invocation(OpKind.DELETE, path, null, version, null, List.of(), false);
    }

    public static Invocation setData(String path, byte[] data, int version) {
        return new Invocation(OpKind.SET_DATA, path, data, version, null, List.of(), false);
    }

    public static Invocation check(String path, int version) {
        return new Invocation(OpKind.CHECK, path, null, version, null, List.of(), false);
    }

    public static Invocation multi(List<Op> ops) {
        return new Invocation(OpKind.MULTI, null, null, -1, null, ops, false);
    }

    public static Invocation getData(String path) {
        return new Invocation(OpKind.GET_DATA, path, null, -1, null, List.of(), false);
    }

    public static Invocation exists(String path) {
        return new Invocation(OpKind.EXISTS, path, null, -1, null, List.of(), false);
    }

    public static Invocation getChildren(String path) {
        return new Invocation(OpKind.GET_CHILDREN, path, null, -1, null, List.of(), false);
    }

    public static Invocation sync(String path) {
        return new Invocation(OpKind.SYNC, path, null, -1, null, List.of(), false);
    }

    public static Invocation closeSession() {
        return new Invocation(OpKind.CLOSE_SESSION, null, null, -1, null, List.of(), false);
    }

    /** The same read, marked as asked with linearizable consistency. */
    public Invocation asLinearizableRead() {
        return new Invocation(kind, path, data, version, mode, ops, true);
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
                && ops.equals(i.ops) && linearizable == i.linearizable;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, path, Arrays.hashCode(data), version, mode, ops, linearizable);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CREATE -> "create(" + path + ", " + Text.bytes(data) + ", " + mode + ")";
            case DELETE -> "delete(" + path + ", v=" + version + ")";
            case SET_DATA -> "setData(" + path + ", " + Text.bytes(data) + ", v=" + version + ")";
            case CHECK -> "check(" + path + ", v=" + version + ")";
            case MULTI -> "multi" + ops.stream().map(Text::op).toList();
            case GET_DATA -> "getData(" + path + ")" + (linearizable ? "[lin]" : "");
            case EXISTS -> "exists(" + path + ")" + (linearizable ? "[lin]" : "");
            case GET_CHILDREN -> "getChildren(" + path + ")" + (linearizable ? "[lin]" : "");
            case SYNC -> "sync(" + path + ")";
            case CLOSE_SESSION -> "closeSession()";
        };
    }
}
