package io.chorus.testkit.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ZooKeeper's FIFO client order, per session: the session's acknowledged writes take effect in the
 * order they were issued (their zxids increase with issue order), and replies arrive in issue order.
 *
 * <p>Does not cover writes whose outcome is unknown (their zxid is unknown), nor order across sessions.
 */
public final class FifoOrderChecker implements Checker {
    @Override
    public String name() {
        return "fifo-client-order";
    }

    @Override
    public CheckResult check(History history) {
        Map<Long, List<ClientOp>> bySession = new LinkedHashMap<>();
        for (ClientOp op : history.ops()) {
            bySession.computeIfAbsent(op.session(), k -> new ArrayList<>()).add(op);
        }
        List<String> problems = new ArrayList<>();
        for (List<ClientOp> ops : bySession.values()) {
            ops.sort(Comparator.comparingLong(ClientOp::id));
            ClientOp lastWrite = null;
            ClientOp lastReplied = null;
            for (ClientOp op : ops) {
                if (op.acknowledgedWrite() && op.reply().zxid() > 0) {
                    if (lastWrite != null && op.reply().zxid() <= lastWrite.reply().zxid()) {
                        problems.add("writes of one session took effect out of issue order: " + lastWrite
                                + "\n  was issued before " + op + "\n  but its zxid is not smaller");
                    }
                    lastWrite = op;
                }
                if (op.reply() != null) {
                    if (lastReplied != null && op.reply().receiveSeq() < lastReplied.reply().receiveSeq()) {
                        problems.add("replies arrived out of issue order: " + op + "\n  was issued after "
                                + lastReplied + "\n  but its reply arrived first");
                    }
                    lastReplied = op;
                }
            }
        }
        return CheckResult.of(name(), problems);
    }
}
