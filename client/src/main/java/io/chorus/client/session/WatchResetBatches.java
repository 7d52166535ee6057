package io.chorus.client.session;

import io.chorus.client.watch.WatchedPaths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.zookeeper.proto.SetWatches2;

/**
 * The setWatches2 requests that re-register a client's watches on a new connection. Paths are split into
 * batches of about {@link #BATCH_PATH_CHARS_MAX} characters, so that many watches never make a frame larger
 * than a server accepts. Each batch names the last zxid the client saw, so the server fires at once every
 * watch whose node changed since.
 */
final class WatchResetBatches {
    /** ZooKeeper's client uses the same bound; one path may overshoot it. */
    static final int BATCH_PATH_CHARS_MAX = 128 * 1024;

    private WatchResetBatches() {
    }

    static List<SetWatches2> of(WatchedPaths paths, long relativeZxid) {
        List<SetWatches2> batches = new ArrayList<>();
        Iterator<String> data = paths.data().iterator();
        Iterator<String> exist = paths.exist().iterator();
        Iterator<String> child = paths.child().iterator();
        Iterator<String> persistent = paths.persistent().iterator();
        Iterator<String> recursive = paths.persistentRecursive().iterator();
        while (data.hasNext() || exist.hasNext() || child.hasNext() || persistent.hasNext() || recursive.hasNext()) {
            SetWatches2 batch = new SetWatches2(relativeZxid, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>());
            int chars = 0;
            while (chars < BATCH_PATH_CHARS_MAX) {
                String path;
                if (data.hasNext()) {
                    path = data.next();
                    batch.getDataWatches().add(path);
                } else if (exist.hasNext()) {
                    path = exist.next();
                    batch.getExistWatches().add(path);
                } else if (child.hasNext()) {
                    path = child.next();
                    batch.getChildWatches().add(path);
                } else if (persistent.hasNext()) {
                    path = persistent.next();
                    batch.getPersistentWatches().add(path);
                } else if (recursive.hasNext()) {
                    path = recursive.next();
                    batch.getPersistentRecursiveWatches().add(path);
                } else {
                    break;
                }
                chars += path.length();
            }
            batches.add(batch);
        }
        return batches;
    }
}
