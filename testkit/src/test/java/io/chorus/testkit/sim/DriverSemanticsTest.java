package io.chorus.testkit.sim;

import static io.chorus.testkit.sim.ToyCluster.payload;
import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.Ready;
import io.chorus.api.spi.StateSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the simulated node does with each part of a Ready, checked with a scripted protocol. */
class DriverSemanticsTest {
    private static Simulation single(DelayDistribution fsync) {
        Simulation sim = Simulation.builder().seed(1).nodes(1).protocol(ScriptedProtocol::new).tickMillis(1)
                .fsyncLatency(fsync).build();
        sim.start();
        return sim;
    }

    private static ScriptedProtocol protocol(Simulation sim) {
        return (ScriptedProtocol) sim.node(1).protocol();
    }

    private static Ready persist(long... zxids) {
        return new Ready(List.of(), -1, entries(zxids), List.of(), List.of(), null);
    }

    private static Ready commit(long... zxids) {
        return new Ready(List.of(), -1, List.of(), entries(zxids), List.of(), null);
    }

    private static List<LogEntry> entries(long... zxids) {
        return java.util.Arrays.stream(zxids).mapToObj(z -> new LogEntry(z, payload("e" + z))).toList();
    }

    @Test
    void aRestartReplaysTheLogAndStartsTheProtocolAtItsEnd() {
        Simulation sim = single(DelayDistribution.fixed(1));
        protocol(sim).script.add(persist(1, 2, 3));
        protocol(sim).script.add(commit(1, 2, 3));
        sim.runFor(10);
        assertThat(protocol(sim).persistedCalls).containsExactly(3L);
        long digest = sim.node(1).digest();
        sim.crash(1);
        sim.restart(1);
        assertThat(protocol(sim).startedWith).isEqualTo(3);
        assertThat(sim.node(1).digest()).isEqualTo(digest);
        assertThat(sim.history().of(SimEvent.Applied.class)).filteredOn(SimEvent.Applied::replayed)
                .extracting(SimEvent.Applied::zxid).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aTruncationBelowTheAppliedStateRebuildsTheStateMachine() {
        Simulation sim = single(DelayDistribution.fixed(1));
        protocol(sim).script.add(persist(1, 2, 3, 4));
        protocol(sim).script.add(commit(1, 2));
        sim.runFor(10);
        long digestAt2 = sim.node(1).digest();
        sim.crash(1);
        sim.restart(1); // replays 1..4: 3 and 4 were never committed
        assertThat(sim.node(1).lastAppliedZxid()).isEqualTo(4);
        protocol(sim).script.add(new Ready(List.of(), 2, List.of(), List.of(), List.of(), null));
        sim.runFor(5);
        assertThat(sim.node(1).lastAppliedZxid()).isEqualTo(2);
        assertThat(sim.node(1).digest()).isEqualTo(digestAt2);
        assertThat(sim.node(1).disk().log().lastZxid()).isEqualTo(2);
        assertThat(sim.history().of(SimEvent.Truncated.class)).singleElement()
                .isEqualTo(new SimEvent.Truncated(sim.history().of(SimEvent.Truncated.class).get(0).atMillis(), 1, 2,
                        true, 2));
    }

    @Test
    void aTruncationMakesEarlierUnsyncedAppendsDurableAndSaysSo() {
        Simulation sim = single(DelayDistribution.fixed(100));
        protocol(sim).script.add(persist(1, 2, 3));
        sim.runFor(10);
        assertThat(protocol(sim).persistedCalls).isEmpty();
        protocol(sim).script.add(new Ready(List.of(), 2, List.of(), List.of(), List.of(), null));
        sim.runFor(5);
        assertThat(protocol(sim).persistedCalls).containsExactly(2L);
        sim.runFor(200);
        assertThat(protocol(sim).persistedCalls).as("the old fsync reports nothing new").containsExactly(2L);
    }

    @Test
    void anInstalledSnapshotReplacesTheStateIsDurableAndIsWhereRecoveryStarts() {
        Simulation sim = single(DelayDistribution.fixed(1));
        LogDigestStateMachine leaderState = new LogDigestStateMachine();
        for (long z = 1; z <= 5; z++) {
            leaderState.apply(new LogEntry(z, payload("e" + z)));
        }
        protocol(sim).script.add(new Ready(List.of(), -1, entries(6), List.of(), List.of(), null,
                new StateSnapshot(5, leaderState.snapshot())));
        protocol(sim).script.add(commit(6));
        sim.runFor(10);
        assertThat(protocol(sim).persistedCalls).as("the snapshot at once, then the fsync").containsExactly(5L, 6L);
        leaderState.apply(new LogEntry(6, payload("e6")));
        assertThat(sim.node(1).digest()).isEqualTo(leaderState.digest());
        assertThat(protocol(sim).context.logCoversAfter()).isEqualTo(5);
        assertThat(sim.history().of(SimEvent.SnapshotInstalled.class)).singleElement()
                .satisfies(s -> assertThat(s.zxid()).isEqualTo(5));

        sim.crash(1);
        sim.restart(1);
        assertThat(protocol(sim).startedWith).isEqualTo(6);
        assertThat(sim.node(1).digest()).isEqualTo(leaderState.digest());
    }

    @Test
    void aSnapshotAloneIsReportedDurable() {
        Simulation sim = single(DelayDistribution.fixed(1));
        LogDigestStateMachine state = new LogDigestStateMachine();
        state.apply(new LogEntry(9, payload("e9")));
        protocol(sim).script.add(new Ready(List.of(), -1, List.of(), List.of(), List.of(), null,
                new StateSnapshot(9, state.snapshot())));
        sim.runFor(5);
        assertThat(protocol(sim).persistedCalls).containsExactly(9L);
        assertThat(sim.node(1).lastAppliedZxid()).isEqualTo(9);
        sim.crash(1);
        sim.restart(1);
        assertThat(protocol(sim).startedWith).isEqualTo(9);
    }

    @Test
    void theProtocolCanCaptureTheAppliedState() {
        Simulation sim = single(DelayDistribution.fixed(1));
        protocol(sim).script.add(persist(1, 2));
        protocol(sim).script.add(commit(1, 2));
        sim.runFor(10);
        StateSnapshot captured = protocol(sim).context.stateSnapshots().capture();
        assertThat(captured.zxid()).isEqualTo(2);
        LogDigestStateMachine copy = new LogDigestStateMachine();
        copy.restore(captured.bytes());
        assertThat(copy.digest()).isEqualTo(sim.node(1).digest());
    }
}
