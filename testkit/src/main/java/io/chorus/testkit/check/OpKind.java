package io.chorus.testkit.check;

/**
 * What a client asked for. {@link #CLOSE_SESSION} stands for the end of a session, whether the client
 * closed it or the ensemble expired it: it deletes the session's ephemeral nodes, so the
 * linearizability model must see it as a write.
 */
public enum OpKind {
    CREATE(true),
    DELETE(true),
    SET_DATA(true),
    CHECK(false),
    MULTI(true),
    GET_DATA(false),
    EXISTS(false),
    GET_CHILDREN(false),
    SYNC(false),
    CLOSE_SESSION(true);

    private final boolean write;

    OpKind(boolean write) {
        this.write = write;
    }

    /** True when the operation goes through the atomic broadcast and may change the tree. */
    public boolean isWrite() {
        return write;
    }

    /** True for the plain reads whose replies are observations of one znode. */
    public boolean isRead() {
        return this == GET_DATA || this == EXISTS || this == GET_CHILDREN;
    }
}
