package io.chorus.testkit.check;

import static io.chorus.testkit.check.Ops.b;
import static io.chorus.testkit.check.Ops.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.Zxid;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcknowledgedWriteCheckerTest {
    private static final long Z1 = Zxid.of(1, 1);
    private static final long Z2 = Zxid.of(1, 2);
    private static final long Z3 = Zxid.of(1, 3);
    private static final long NEXT_EPOCH = Zxid.of(2, 1);

    private static ClientOp ackedAt(long id, long zxid) {
        return ok(id, 1, Invocation.setData("/a", b("v" + id), -1), id * 10, id * 10 + 5, zxid);
    }

    private static ReplicaFact d(int node, long zxid) {
        return new ReplicaFact.Delivered(node, 0, zxid, zxid);
    }

    private static CheckResult check(boolean settled, List<ClientOp> ops, ReplicaFact... facts) {
        return new AcknowledgedWriteChecker().check(new History(ops, List.of(), List.of(facts), 3, settled));
    }

    @Test
    void acceptsAcknowledgedWritesThatAreEverywhere() {
        CheckResult r = check(true, List.of(ackedAt(1, Z1), ackedAt(2, Z2)), d(1, Z1), d(2, Z1), d(1, Z2), d(2, Z2));
        assertThat(r.passed()).isTrue();
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void rejectsAcknowledgedWriteNeverCommitted() {
        CheckResult r = check(false, List.of(ackedAt(1, Z1), ackedAt(2, Z2)), d(1, Z1), d(2, Z1));
        assertThat(r.problems()).singleElement().asString().contains("never committed", "op#2");
    }

    @Test
    void rejectsWriteLostInACrash() {
        // Node 1 acknowledged Z3 and crashed having lost it; the others moved to a new epoch without it.
        CheckResult r = check(false, List.of(ackedAt(3, Z3)), d(1, Z1), d(2, Z1), d(3, Z1), d(1, Z2), d(2, Z2),
                d(1, Z3), new ReplicaFact.Crashed(1, 50), d(2, NEXT_EPOCH), d(3, Z2), d(3, NEXT_EPOCH));
        assertThat(r.failed()).isTrue();
        assertThat(String.join("\n", r.problems())).contains("lost on node 2", "lost on node 3", "op#3");
    }

    @Test
    void rejectsWriteMissingAtTheEndOfASettledRun() {
        CheckResult r = check(true, List.of(ackedAt(3, Z3)), d(1, Z1), d(2, Z1), d(3, Z1), d(1, Z2), d(1, Z3),
                new ReplicaFact.Crashed(1, 50), new ReplicaFact.Recovered(1, 60, Z2));
        assertThat(r.problems()).singleElement().asString().contains("missing at the end", "op#3");
    }

    @Test
    void endOfRunIsOnlyJudgedWhenSettled() {
        CheckResult r = check(false, List.of(ackedAt(3, Z3)), d(1, Z3), new ReplicaFact.Crashed(1, 50),
                new ReplicaFact.Recovered(1, 60, Z2));
        assertThat(r.passed()).isTrue();
        assertThat(r.notes()).singleElement().asString().contains("not checked");
    }

    @Test
    void withoutReplicaFactsItOnlyNotes() {
        CheckResult r = check(true, List.of(ackedAt(1, Z1)));
        assertThat(r.passed()).isTrue();
        assertThat(r.notes()).singleElement().asString().contains("no replica facts");
    }
}
