package io.chorus.server.pipeline;

import org.apache.jute.Record;
import org.apache.zookeeper.proto.ExistsRequest;
import org.apache.zookeeper.proto.GetChildren2Request;
import org.apache.zookeeper.proto.GetChildrenRequest;
import org.apache.zookeeper.proto.GetDataRequest;

/** The watch flag of the reads that carry one: a read forwarded to the leader travels without it. */
final class WatchFlags {
    private WatchFlags() {
    }

    static boolean watches(Record request) {
        if (request instanceof GetDataRequest r) {
            return r.getWatch();
        } else if (request instanceof ExistsRequest r) {
            return r.getWatch();
        } else if (request instanceof GetChildrenRequest r) {
            return r.getWatch();
        } else if (request instanceof GetChildren2Request r) {
            return r.getWatch();
        }
        return false;
    }

    /** The path of a read that may carry a watch. */
    static String path(Record request) {
        if (request instanceof GetDataRequest r) {
            return r.getPath();
        } else if (request instanceof ExistsRequest r) {
            return r.getPath();
        } else if (request instanceof GetChildrenRequest r) {
            return r.getPath();
        } else if (request instanceof GetChildren2Request r) {
            return r.getPath();
        }
        throw new IllegalArgumentException("no watch on " + request.getClass().getSimpleName());
    }

    /** The same read asking for no watch. */
    static Record without(Record request) {
        if (!watches(request)) {
            return request;
        }
        if (request instanceof GetDataRequest r) {
            return new GetDataRequest(r.getPath(), false);
        } else if (request instanceof ExistsRequest r) {
            return new ExistsRequest(r.getPath(), false);
        } else if (request instanceof GetChildrenRequest r) {
            return new GetChildrenRequest(r.getPath(), false);
        }
        return new GetChildren2Request(((GetChildren2Request) request).getPath(), false);
    }
}
