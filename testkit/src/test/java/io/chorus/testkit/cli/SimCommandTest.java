package io.chorus.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The sim command's contract: its summary line, exit codes, the bug list and the bug search. */
class SimCommandTest {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private int run(String... args) {
        return new CommandLine(new SimCommand()).execute(args);
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Test
    void cleanSeedsEndWithTheSummaryLineAndExitZero() {
        assertThat(run("--seeds", "5", "--nodes", "3", "--faults", "default")).isZero();
        assertThat(out().lines().reduce((a, b) -> b)).hasValue("seeds: 5, violations: 0");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("5/5 seeds");
    }

    @Test
    void mixedReadsAreCountedPerConsistency() {
        assertThat(run("--seeds", "5", "--mixed-reads", "--linearizable-reads", "lease", "--protocol", "paxos-lite"))
                .isZero();
        assertThat(out()).containsPattern("LOCAL reads: [1-9]\\d*, stale: \\d+")
                .containsPattern("LINEARIZABLE reads: [1-9]\\d*, stale: 0 ")
                .endsWith("seeds: 5, violations: 0" + System.lineSeparator());
        assertThat(run("--linearizable-reads", "gossip")).isEqualTo(2);
    }

    @Test
    void oneSeedRunsAlone() {
        assertThat(run("--seed", "42", "--faults", "heavy")).isZero();
        assertThat(out().lines().reduce((a, b) -> b)).hasValue("seeds: 1, violations: 0");
    }

    @Test
    void thePlantedBugsAreListedOneALine() {
        assertThat(run("--list-bugs")).isZero();
        assertThat(out().lines().toList()).contains("ACK_BEFORE_DURABLE", "SKIP_TRUNC", "COMMIT_AFTER_QUORUM_LOST")
                .hasSize(io.chorus.zab.PlantedFault.values().length);
        stdout.reset();
        assertThat(run("--protocol", "paxos-lite", "--list-bugs")).isZero();
        assertThat(out().lines().toList()).contains("ACCEPT_LOWER_BALLOT", "FORGET_PROMISE", "CHOOSE_WITHOUT_MAJORITY",
                "SKIP_GAP_FILLING").hasSize(io.chorus.paxos.PlantedFault.values().length);
    }

    @Test
    void paxosLiteSeedsRunAndAFailingOneNamesTheProtocolInItsReplayLine() {
        assertThat(run("--protocol", "paxos-lite", "--seeds", "3")).isZero();
        assertThat(out().lines().reduce((a, b) -> b)).hasValue("seeds: 3, violations: 0");
        stdout.reset();
        assertThat(run("--protocol", "paxos-lite", "--bug", "choose_without_majority", "--seeds", "200")).isZero();
        assertThat(out()).containsPattern("bug CHOOSE_WITHOUT_MAJORITY: found at seed \\d+");
    }

    @Test
    void aPlantedBugIsFoundAndNamedWithItsSeed() {
        assertThat(run("--bug", "commit_after_quorum_lost", "--seeds", "50")).isZero();
        assertThat(out()).containsPattern("bug COMMIT_AFTER_QUORUM_LOST: found at seed \\d+");
    }

    @Test
    void badOptionsAreRefusedWithExitTwo() {
        assertThat(run("--bug", "no_such_bug")).isEqualTo(2);
        assertThat(run("--nodes", "0")).isEqualTo(2);
        assertThat(run("--faults", "extreme")).isEqualTo(2);
        assertThat(run("--protocol", "raft")).isEqualTo(2);
        assertThat(run("--protocol", "paxos-lite", "--bug", "skip_trunc")).as("a Zab bug is not paxos-lite's")
                .isEqualTo(2);
    }
}
