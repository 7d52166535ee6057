package io.chorus.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.PeerMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimNetworkTest {
    record Msg(int n) implements PeerMessage {
    }

    /** What a stub endpoint received: (time, from, n). */
    record Received(long at, int from, int n) {
    }

    static final class Stub implements SimNetwork.Endpoint {
        final List<Received> received = new ArrayList<>();
        final EventQueue queue;
        long incarnation;
        boolean up = true;

        Stub(EventQueue queue) {
            this.queue = queue;
        }

        @Override
        public long incarnation() {
            return incarnation;
        }

        @Override
        public boolean up() {
            return up;
        }

        @Override
        public void deliver(int from, PeerMessage message) {
            received.add(new Received(queue.now(), from, ((Msg) message).n()));
        }
    }

    EventQueue queue;
    SimNetwork network;
    Map<Integer, Stub> stubs;

    @BeforeEach
    void setUp() {
        queue = new EventQueue();
        network = new SimNetwork(queue, new SimRandom(1), new TraceHash(), m -> ((Msg) m).n());
        stubs = new TreeMap<>();
        for (int id = 1; id <= 4; id++) {
            Stub stub = new Stub(queue);
            stubs.put(id, stub);
            network.attach(id, stub);
        }
    }

    private void sendMany(int from, int to, int count) {
        for (int i = 0; i < count; i++) {
            network.send(from, to, new Msg(i));
        }
    }

    @Test
    void delaysComeFromTheDistributionAndReorderMessages() {
        network.setDelay(DelayDistribution.uniform(3, 40));
        sendMany(1, 2, 200);
        queue.runUntil(1_000);
        List<Received> got = stubs.get(2).received;
        assertThat(got).hasSize(200);
        assertThat(got).allSatisfy(r -> assertThat(r.at()).isBetween(3L, 40L));
        List<Integer> order = got.stream().map(Received::n).toList();
        assertThat(order).as("random delays reorder").isNotEqualTo(order.stream().sorted().toList());
        assertThat(order).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 200).boxed().toList());
    }

    @Test
    void fifoLinksNeverLetAMessageOvertakeAnEarlierOneOnTheSameLink() {
        network.setFifoLinks(true);
        network.setDelay(DelayDistribution.uniform(1, 40));
        for (int i = 0; i < 200; i++) {
            network.send(1, 2, new Msg(i));
            network.send(3, 2, new Msg(1_000 + i));
        }
        queue.runUntil(1_000);
        List<Integer> fromOne = stubs.get(2).received.stream().filter(r -> r.from() == 1).map(Received::n).toList();
        List<Integer> fromThree = stubs.get(2).received.stream().filter(r -> r.from() == 3).map(Received::n).toList();
        assertThat(fromOne).isSorted().hasSize(200);
        assertThat(fromThree).isSorted().hasSize(200);
        List<Integer> all = stubs.get(2).received.stream().map(Received::n).toList();
        assertThat(all).as("the two links still interleave").isNotEqualTo(
                java.util.stream.Stream.concat(fromOne.stream(), fromThree.stream()).toList());
    }

    @Test
    void fixedDelayKeepsOrder() {
        network.setDelay(DelayDistribution.fixed(7));
        sendMany(1, 2, 50);
        queue.runUntil(100);
        assertThat(stubs.get(2).received.stream().map(Received::n).toList())
                .isEqualTo(java.util.stream.IntStream.range(0, 50).boxed().toList());
        assertThat(stubs.get(2).received).allSatisfy(r -> assertThat(r.at()).isEqualTo(7));
    }

    @Test
    void losesAboutTheConfiguredShare() {
        network.setLossRate(0.3);
        sendMany(1, 2, 2_000);
        queue.runUntil(1_000);
        int delivered = stubs.get(2).received.size();
        assertThat(delivered).isBetween(1_250, 1_550);
        assertThat(network.dropped()).isEqualTo(2_000 - delivered);
    }

    @Test
    void totalLossDeliversNothing() {
        network.setLossRate(1.0);
        sendMany(1, 2, 100);
        queue.runUntil(1_000);
        assertThat(stubs.get(2).received).isEmpty();
    }

    @Test
    void duplicatesDeliverTheSameMessageTwice() {
        network.setDuplicateRate(1.0);
        sendMany(1, 2, 30);
        queue.runUntil(1_000);
        assertThat(stubs.get(2).received).hasSize(60);
        assertThat(network.duplicated()).isEqualTo(30);
        for (int i = 0; i < 30; i++) {
            int n = i;
            assertThat(stubs.get(2).received.stream().filter(r -> r.n() == n)).hasSize(2);
        }
    }

    @Test
    void partitionCutsAcrossGroupsOnly() {
        network.partition(List.of(List.of(1, 2), List.of(3, 4)));
        for (int from = 1; from <= 4; from++) {
            for (int to = 1; to <= 4; to++) {
                if (from != to) {
                    network.send(from, to, new Msg(from * 10 + to));
                }
            }
        }
        queue.runUntil(100);
        assertThat(stubs.get(1).received).extracting(Received::from).containsExactly(2);
        assertThat(stubs.get(2).received).extracting(Received::from).containsExactly(1);
        assertThat(stubs.get(3).received).extracting(Received::from).containsExactly(4);
        assertThat(stubs.get(4).received).extracting(Received::from).containsExactly(3);
    }

    @Test
    void aNodeInNoGroupIsIsolated() {
        network.partition(List.of(List.of(1, 2, 3)));
        network.send(4, 1, new Msg(1));
        network.send(1, 4, new Msg(2));
        network.send(1, 3, new Msg(3));
        queue.runUntil(100);
        assertThat(stubs.get(1).received).isEmpty();
        assertThat(stubs.get(4).received).isEmpty();
        assertThat(stubs.get(3).received).hasSize(1);
    }

    @Test
    void aOneWayCutIsAsymmetric() {
        network.cut(1, 2);
        network.send(1, 2, new Msg(1));
        network.send(2, 1, new Msg(2));
        queue.runUntil(100);
        assertThat(stubs.get(2).received).isEmpty();
        assertThat(stubs.get(1).received).extracting(Received::n).containsExactly(2);
        assertThat(network.isCut(1, 2)).isTrue();
        assertThat(network.isCut(2, 1)).isFalse();
    }

    @Test
    void healRestoresEveryLink() {
        network.isolate(3);
        network.cut(1, 2);
        network.heal();
        network.send(1, 2, new Msg(1));
        network.send(3, 1, new Msg(2));
        queue.runUntil(100);
        assertThat(stubs.get(2).received).hasSize(1);
        assertThat(stubs.get(1).received).hasSize(1);
        assertThat(network.cutLinks()).isEmpty();
    }

    @Test
    void aCutAlsoDropsWhatWasInFlight() {
        network.setDelay(DelayDistribution.fixed(10));
        network.send(1, 2, new Msg(1));
        queue.runUntil(5);
        network.cut(1, 2);
        queue.runUntil(50);
        assertThat(stubs.get(2).received).isEmpty();
    }

    @Test
    void aMessageSentOverACutLinkStaysLostWhenTheLinkHealsBeforeItWouldArrive() {
        network.setDelay(DelayDistribution.fixed(10));
        network.cut(1, 2);
        network.send(1, 2, new Msg(1));
        queue.runUntil(5);
        network.heal();
        queue.runUntil(50);
        assertThat(stubs.get(2).received).isEmpty();
        assertThat(network.dropped()).isEqualTo(1);
    }

    @Test
    void messagesToACrashedIncarnationAreDropped() {
        network.setDelay(DelayDistribution.fixed(10));
        network.send(1, 2, new Msg(1));
        network.send(1, 3, new Msg(2));
        queue.runUntil(5);
        stubs.get(2).incarnation++; // crashed and restarted in flight
        stubs.get(3).up = false;
        queue.runUntil(50);
        assertThat(stubs.get(2).received).isEmpty();
        assertThat(stubs.get(3).received).isEmpty();
        network.send(1, 2, new Msg(3));
        queue.runUntil(100);
        assertThat(stubs.get(2).received).extracting(Received::n).containsExactly(3);
    }
}
