package io.chorus.testkit.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Histories from the reference tree must pass; the same histories with one reply broken must fail. */
class LinearizabilityPropertiesTest {

    @Property(tries = 300)
    void sequentialHistoriesFromTheReferencePass(@ForAll long seed, @ForAll @IntRange(min = 1, max = 120) int ops,
                                                 @ForAll @IntRange(min = 1, max = 6) int znodes) {
        History h = GeneratedHistories.generate(seed, new GeneratedHistories.Shape(ops, 3, znodes, 0, 0));
        CheckResult r = LinearizabilityChecker.allReads().check(h);
        assertThat(r.verdict()).as("%s", r).isEqualTo(Verdict.PASS);
    }

    @Property(tries = 300)
    void concurrentHistoriesWithLostRepliesPass(@ForAll long seed, @ForAll @IntRange(min = 1, max = 150) int ops,
                                                @ForAll @IntRange(min = 1, max = 5) int clients,
                                                @ForAll @IntRange(min = 1, max = 5) int znodes,
                                                @ForAll @DoubleRange(min = 0, max = 0.3) double unknownRate,
                                                @ForAll @IntRange(min = 0, max = 40) int jitter) {
        History h = GeneratedHistories.generate(seed, new GeneratedHistories.Shape(ops, clients, znodes, unknownRate, jitter));
        CheckResult r = LinearizabilityChecker.allReads().check(h);
        assertThat(r.verdict()).as("%s", r).isEqualTo(Verdict.PASS);
    }

    @Property(tries = 300)
    void mutatedHistoriesFail(@ForAll long seed, @ForAll @IntRange(min = 10, max = 120) int ops,
                              @ForAll @IntRange(min = 1, max = 5) int znodes,
                              @ForAll GeneratedHistories.Mutation mutation, @ForAll @IntRange(min = 0, max = 4) int jitter) {
        History h = GeneratedHistories.generate(seed, new GeneratedHistories.Shape(ops, 3, znodes, 0, jitter));
        History broken = GeneratedHistories.mutate(h, mutation, new Random(seed));
        Assume.that(broken != null);
        CheckResult r = LinearizabilityChecker.allReads().check(broken);
        assertThat(r.verdict()).as("%s", r).isEqualTo(Verdict.FAIL);
    }

    @Property(tries = 100)
    void generatedHistoriesPassTheClientSideGuarantees(@ForAll long seed, @ForAll @IntRange(min = 1, max = 150) int ops,
                                                       @ForAll @IntRange(min = 1, max = 5) int clients,
                                                       @ForAll @DoubleRange(min = 0, max = 0.3) double unknownRate) {
        // Jitter 4: a client's consecutive operations never overlap, as with a real client.
        History h = GeneratedHistories.generate(seed, new GeneratedHistories.Shape(ops, clients, 3, unknownRate, 4));
        for (CheckResult r : HistoryChecks.standard().run(h)) {
            assertThat(r.verdict()).as("%s", r).isEqualTo(Verdict.PASS);
        }
    }
}
