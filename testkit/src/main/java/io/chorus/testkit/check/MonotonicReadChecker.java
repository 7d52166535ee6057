package io.chorus.testkit.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session never goes back in time: the zxids of the replies it receives, in receive order, never
 * decrease, whichever server answered (so across reconnects too). This also gives read-your-writes,
 * since an acknowledged write's reply carries the write's own zxid.
 *
 * <p>Replies whose outcome is unknown (connection loss and the like, usually made up by the client
 * library) carry no server zxid and are skipped, as are replies with a negative zxid. Watch
 * notifications are not part of it: ZooKeeper's notifications carry no zxid on the wire, and its
 * client may reconnect to a server that has not applied the notified change yet.
 */
public final class MonotonicReadChecker implements Checker {
    @Override
    public String name() {
        return "monotonic-session-zxid";
    }

    @Override
    public CheckResult check(History history) {
        Map<Long, List<ClientOp>> bySession = new LinkedHashMap<>();
        for (ClientOp op : history.ops()) {
            if (op.reply() != null && op.reply().zxid() >= 0 && !Outcomes.isIndeterminate(op.reply().code())) {
                bySession.computeIfAbsent(op.session(), k -> new ArrayList<>()).add(op);
            }
        }
        List<String> problems = new ArrayList<>();
        for (List<ClientOp> ops : bySession.values()) {
            ops.sort(Comparator.comparingLong(o -> o.reply().receiveSeq()));
            ClientOp highest = null;
            for (ClientOp op : ops) {
                if (highest != null && op.reply().zxid() < highest.reply().zxid()) {
                    problems.add("session went back in time: " + op + "\n  arrived after " + highest
                            + "\n  which had already shown zxid " + Text.zxid(highest.reply().zxid()));
                }
                if (highest == null || op.reply().zxid() > highest.reply().zxid()) {
                    highest = op;
                }
            }
        }
        return CheckResult.of(name(), problems);
    }
}
