package io.chorus.testkit.check;

import static io.chorus.testkit.check.Ops.b;
import static io.chorus.testkit.check.Ops.err;
import static io.chorus.testkit.check.Ops.lost;
import static io.chorus.testkit.check.Ops.ok;
import static io.chorus.testkit.check.Ops.read;
import static io.chorus.testkit.check.Ops.readAbsent;
import static io.chorus.testkit.check.Ops.stat;
import static io.chorus.testkit.check.Ops.z;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Code;
import io.chorus.api.CreateMode;
import io.chorus.api.Op;
import io.chorus.api.OpResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {
    private static final CreateMode P = CreateMode.PERSISTENT;

    private static CheckResult check(ClientOp... ops) {
        return LinearizabilityChecker.writesAndLinearizableReads().check(History.ofOps(List.of(ops)));
    }

    private static ClientOp createA(long id) {
        return ok(id, 1, Invocation.create("/a", b("x"), P), 0, 10, z(1), Result.created("/a", stat(0, z(1), z(1))));
    }

    private static ClientOp set(long id, int client, String path, String data, int version, long inv, long ret, long zxid,
                                int newVersion, long czxid) {
        return ok(id, client, Invocation.setData(path, b(data), version), inv, ret, zxid,
                Result.stat(stat(newVersion, czxid, zxid)));
    }

    @Test
    void acceptsSequentialCreateSetRead() {
        assertThat(check(createA(1), set(2, 1, "/a", "y", 0, 20, 30, z(2), 1, z(1)),
                read(3, 1, "/a", 40, 50, "y", 1, z(1), z(2))).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void acceptsConcurrentWritesInEitherOrder() {
        assertThat(check(createA(1), set(2, 1, "/a", "p", -1, 20, 60, z(3), 2, z(1)),
                set(3, 2, "/a", "q", -1, 25, 50, z(2), 1, z(1)),
                read(4, 3, "/a", 70, 80, "p", 2, z(1), z(3))).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void acceptsReadsOverlappingAWriteSeeEitherSide() {
        assertThat(check(createA(1), set(2, 1, "/a", "q", -1, 20, 60, z(2), 1, z(1)),
                read(3, 2, "/a", 30, 40, "x", 0, z(1), z(1)),
                read(4, 3, "/a", 45, 55, "q", 1, z(1), z(2))).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void acceptsUnknownOutcomeWriteThatTookEffectLate() {
        assertThat(check(createA(1), lost(2, 1, Invocation.setData("/a", b("u"), -1), 20),
                read(3, 2, "/a", 30, 40, "x", 0, z(1), z(1)),
                read(4, 2, "/a", 100, 110, "u", 1, z(1), z(2))).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void acceptsUnknownOutcomeWriteThatNeverTookEffect() {
        assertThat(check(createA(1), lost(2, 1, Invocation.setData("/a", b("u"), -1), 20),
                read(3, 2, "/a", 100, 110, "x", 0, z(1), z(1))).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void acceptsFailedWritesAsObservations() {
        assertThat(check(createA(1),
                err(2, 2, Invocation.create("/a", b("z"), P), 20, 30, Code.NODEEXISTS, z(1)),
                err(3, 2, Invocation.setData("/a", b("z"), 5), 40, 50, Code.BADVERSION, z(1)),
                err(4, 2, Invocation.delete("/a", 0), 60, 70, Code.NOTEMPTY, z(1)),
                ok(5, 2, Invocation.delete("/a", -1), 80, 90, z(2)),
                err(6, 2, Invocation.create("/b/c", b("z"), P), 100, 110, Code.NONODE, z(2)),
                readAbsent(7, 1, "/a", 120, 130)).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void acceptsMultiAppliedToEveryZnode() {
        ClientOp multi = ok(2, 1, Invocation.multi(List.of(new Op.SetData("/a", b("m"), 0),
                        new Op.Create("/b", b("n"), List.of(), P))), 20, 30, z(2),
                Result.multi(List.of(new OpResult.SetDataResult(stat(1, z(1), z(2))),
                        new OpResult.CreateResult("/b", stat(0, z(2), z(2))))));
        assertThat(check(createA(1), multi, read(3, 2, "/a", 40, 50, "m", 1, z(1), z(2)),
                read(4, 2, "/b", 40, 50, "n", 0, z(2), z(2))).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void acceptsFailedMultiRolledBack() {
        assertThat(check(createA(1), ok(2, 1, Invocation.create("/b", b("b"), P), 0, 10, z(2)),
                failedMulti(3), read(4, 2, "/a", 40, 50, "x", 0, z(1), z(1))).verdict())
                .isEqualTo(Verdict.PASS);
    }

    @Test
    void acceptsSequentialCreateBelongsToTheReturnedPath() {
        assertThat(check(ok(1, 1, Invocation.create("/q", b(""), P), 0, 10, z(1)),
                ok(2, 1, Invocation.create("/q/item-", b("s"), CreateMode.PERSISTENT_SEQUENTIAL), 20, 30, z(2),
                        Result.created("/q/item-0000000000", stat(0, z(2), z(2)))),
                read(3, 2, "/q/item-0000000000", 40, 50, "s", 0, z(2), z(2))).verdict())
                .isEqualTo(Verdict.PASS);
    }

    @Test
    void acceptsUnansweredSequentialCreateExplainsANodeNoOneElseMade() {
        assertThat(check(ok(1, 1, Invocation.create("/q", b(""), P), 0, 10, z(1)),
                lost(2, 1, Invocation.create("/q/item-", b("s"), CreateMode.PERSISTENT_SEQUENTIAL), 20),
                read(3, 2, "/q/item-0000000000", 40, 50, "s", 0, z(2), z(2))).verdict())
                .isEqualTo(Verdict.PASS);
    }

    @Test
    void acceptsEphemeralGoesAwayWithItsSession() {
        assertThat(check(ok(1, 1, Invocation.create("/e", b("e"), CreateMode.EPHEMERAL), 0, 10, z(1)),
                ok(2, 1, Invocation.closeSession(), 20, 30, z(2)),
                readAbsent(3, 2, "/e", 40, 50)).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void acceptsNonLinearizableReadsAreLeftOutByDefault() {
        ClientOp staleLocalRead = ok(3, 2, Invocation.getData("/a"), 40, 50, z(1),
                Result.data(b("x"), stat(0, z(1), z(1))));
        History h = History.ofOps(List.of(createA(1), set(2, 1, "/a", "y", 0, 20, 30, z(2), 1, z(1)), staleLocalRead));
        assertThat(LinearizabilityChecker.writesAndLinearizableReads().check(h).verdict()).isEqualTo(Verdict.PASS);
        assertThat(LinearizabilityChecker.allReads().check(h).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void acceptsContainerNodesVanishingOnTheirOwnButSaysSo() {
        CheckResult r = check(ok(1, 1, Invocation.create("/box", b(""), CreateMode.CONTAINER), 0, 10, z(1)),
                readAbsent(2, 2, "/box", 40, 50));
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("/box not checked"));
    }

    @Test
    void rejectsStaleLinearizableRead() {
        CheckResult r = check(createA(1), set(2, 1, "/a", "y", 0, 20, 30, z(2), 1, z(1)),
                read(3, 2, "/a", 40, 50, "x", 0, z(1), z(1)));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString().contains("znode /a", "op#3", "getData(/a)");
    }

    @Test
    void rejectsReadOfDataNeverWritten() {
        assertThat(check(createA(1), read(2, 2, "/a", 40, 50, "ghost", 0, z(1), z(1))).verdict())
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void rejectsTwoSuccessfulCreatesWithoutDelete() {
        assertThat(check(createA(1), ok(2, 2, Invocation.create("/a", b("x"), P), 20, 30, z(2))).verdict())
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void rejectsBadVersionWhenTheVersionMatched() {
        assertThat(check(createA(1), err(2, 1, Invocation.setData("/a", b("y"), 0), 20, 30, Code.BADVERSION, z(1)))
                .verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void rejectsNoNodeForAPresentNode() {
        assertThat(check(createA(1), err(2, 1, Invocation.delete("/a", -1), 20, 30, Code.NONODE, z(1)))
                .verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void rejectsNodeExistsForAnAbsentNode() {
        assertThat(check(err(1, 1, Invocation.create("/a", b("x"), P), 0, 10, Code.NODEEXISTS, 0)).verdict())
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void rejectsUnknownOutcomeWriteSeenBeforeItWasInvoked() {
        assertThat(check(createA(1), read(2, 2, "/a", 20, 30, "u", 1, z(1), z(2)),
                lost(3, 1, Invocation.setData("/a", b("u"), -1), 40)).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void rejectsSetDataReturnsTheWrongVersion() {
        assertThat(check(createA(1), set(2, 1, "/a", "y", -1, 20, 30, z(2), 5, z(1))).verdict())
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void rejectsReadNamesAnotherZxidThanTheWriteItShows() {
        assertThat(check(createA(1), set(2, 1, "/a", "y", -1, 20, 30, z(2), 1, z(1)),
                read(3, 2, "/a", 40, 50, "y", 1, z(1), z(7))).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void rejectsRolledBackMultiVisible() {
        assertThat(check(createA(1), ok(2, 1, Invocation.create("/b", b("b"), P), 0, 10, z(2)),
                failedMulti(3), read(4, 2, "/a", 40, 50, "m", 1, z(1), z(3))).verdict())
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void rejectsMultiMissingOnOneZnode() {
        ClientOp multi = ok(3, 1, Invocation.multi(List.of(new Op.SetData("/a", b("m"), -1),
                new Op.SetData("/b", b("n"), -1))), 20, 30, z(3), Result.multi(List.of(
                new OpResult.SetDataResult(stat(1, z(1), z(3))), new OpResult.SetDataResult(stat(1, z(2), z(3))))));
        CheckResult r = check(createA(1), ok(2, 1, Invocation.create("/b", b("b"), P), 0, 10, z(2)), multi,
                read(4, 2, "/a", 40, 50, "m", 1, z(1), z(3)), read(5, 2, "/b", 40, 50, "b", 0, z(2), z(2)));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString().contains("znode /b");
    }

    @Test
    void rejectsEphemeralVanishesWithoutItsSessionEnding() {
        assertThat(check(ok(1, 1, Invocation.create("/e", b("e"), CreateMode.EPHEMERAL), 0, 10, z(1)),
                readAbsent(2, 2, "/e", 40, 50)).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void rejectsCreateUnderAParentThatNeverExisted() {
        CheckResult r = check(ok(1, 1, Invocation.create("/p/c", b("c"), P), 0, 10, z(1)));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString().contains("znode /p");
    }

    @Test
    void rejectsNodeAppearsWithoutAnyCreate() {
        assertThat(check(read(1, 1, "/q/item-0000000000", 40, 50, "s", 0, z(2), z(2))).verdict())
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void runningOutOfBudgetIsInconclusiveNotAPass() {
        List<ClientOp> ops = new ArrayList<>();
        ops.add(createA(1));
        for (int i = 0; i < 16; i++) {
            ops.add(ok(10 + i, 10 + i, Invocation.setData("/a", b("v" + i), -1), 20, 1000, z(2 + i)));
        }
        ops.add(read(100, 99, "/a", 2000, 2010, "never", 16, z(1), z(99)));
        CheckResult r = LinearizabilityChecker.allReads().withBudget(500).check(History.ofOps(ops));
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.problems()).singleElement().asString().contains("znode /a", "gave up");
    }

    /** multi[setData /a 'm', check /b v=7] failing on the check: /a must stay as it was. */
    private static ClientOp failedMulti(long id) {
        return Ops.done(id, 1, Invocation.multi(List.of(new Op.SetData("/a", b("m"), -1), new Op.Check("/b", 7))),
                20, 30, Code.BADVERSION, z(2), Result.multi(List.of(new OpResult.ErrorResult(Code.OK),
                        new OpResult.ErrorResult(Code.BADVERSION))));
    }
}
