package io.chorus.paxos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.spi.DurableMetadata;
import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.LogHistory;
import io.chorus.api.spi.Outbound;
import io.chorus.api.spi.RandomSource;
import io.chorus.api.spi.Ready;
import io.chorus.api.spi.Role;
import io.chorus.api.spi.StateSnapshots;
import io.chorus.paxos.PaxosMessage.Accepted;
import io.chorus.paxos.PaxosMessage.CatchUp;
import io.chorus.paxos.PaxosMessage.Heartbeat;
import io.chorus.paxos.PaxosMessage.Prepare;
import io.chorus.paxos.PaxosMessage.Promise;
import io.chorus.paxos.PaxosMessage.Reject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One paxos-lite server driven by hand: what it promises, refuses and adopts in phase 1, and what it must keep
 * across a restart. The ensemble-level guarantees are in testkit's contract suite and simulator seeds.
 */
class PaxosLiteProtocolTest {
    private static final List<Integer> ENSEMBLE = List.of(1, 2, 3);
    private static final PaxosSettings SETTINGS = PaxosSettings.defaults();

    /** A metadata store that survives the protocol instance, as the real one survives a restart. */
    private static final class Metadata implements DurableMetadata {
        final Map<String, Long> values = new HashMap<>();

        @Override
        public long get(String key, long absent) {
            return values.getOrDefault(key, absent);
        }

        @Override
        public void put(String key, long value) {
            values.put(key, value);
        }

        @Override
        public void close() {
        }
    }

    private final Metadata metadata = new Metadata();
    private long now = 1_000;

    private PaxosLiteProtocol server(int id, Set<PlantedFault> faults) {
        return server(id, ENSEMBLE, faults);
    }

    private PaxosLiteProtocol server(int id, List<Integer> ensemble, Set<PlantedFault> faults) {
        PaxosLiteProtocol protocol = new PaxosLiteProtocol(id, ensemble, metadata, LogHistory.empty(),
                StateSnapshots.NONE, RandomSource.seeded(id), SETTINGS).withPlantedFaults(faults);
        protocol.start(0, now);
        drain(protocol);
        return protocol;
    }

    /** Everything the server wants done now, carried out at once (entries durable as soon as asked). */
    private static List<Outbound> drain(PaxosLiteProtocol protocol) {
        List<Outbound> sent = new ArrayList<>();
        while (protocol.hasReady()) {
            Ready ready = protocol.ready();
            sent.addAll(ready.messages());
            protocol.advance(ready);
            if (!ready.toPersist().isEmpty()) {
                protocol.persisted(ready.toPersist().get(ready.toPersist().size() - 1).zxid());
            }
        }
        return sent;
    }

    private static byte[] value(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> List<T> sentOf(List<Outbound> sent, Class<T> type) {
        return sent.stream().map(Outbound::message).filter(type::isInstance).map(type::cast).toList();
    }

    private PaxosLiteProtocol candidate(int id, List<Integer> ensemble) {
        PaxosLiteProtocol protocol = server(id, ensemble, Set.of());
        now += 10 * SETTINGS.electionTimeoutMillis();
        protocol.tick(now);
        return protocol;
    }

    @Test
    void aPromiseIsDurableBeforeItIsSentAndALowerOrEqualBallotIsThenRefused() {
        PaxosLiteProtocol acceptor = server(2, Set.of());
        long ballot = Ballots.of(5, 0);
        acceptor.receive(1, new Prepare(ballot, 0), now);
        List<Outbound> sent = drain(acceptor);
        assertThat(sentOf(sent, Promise.class)).singleElement().satisfies(p -> assertThat(p.ballot()).isEqualTo(ballot));
        assertThat(metadata.values.get(PaxosLiteProtocol.PROMISED)).isEqualTo(ballot);

        acceptor.receive(3, new Prepare(Ballots.of(4, 2), 0), now);
        acceptor.receive(3, new Prepare(ballot, 0), now);
        assertThat(sentOf(drain(acceptor), Reject.class)).hasSize(2)
                .allSatisfy(r -> assertThat(r.promised()).isEqualTo(ballot));
    }

    @Test
    void aRestartedAcceptorStillRefusesWhatItPromisedAgainst() {
        PaxosLiteProtocol acceptor = server(2, Set.of());
        acceptor.receive(1, new Prepare(Ballots.of(5, 0), 0), now);
        drain(acceptor);

        PaxosLiteProtocol restarted = server(2, Set.of());
        restarted.receive(3, new Prepare(Ballots.of(4, 2), 0), now);
        assertThat(sentOf(drain(restarted), Reject.class)).singleElement()
                .satisfies(r -> assertThat(r.promised()).isEqualTo(Ballots.of(5, 0)));
        // with the planted bug, the promise is forgotten and the lower ballot is promised
        PaxosLiteProtocol forgetful = server(2, Set.of(PlantedFault.FORGET_PROMISE));
        forgetful.receive(3, new Prepare(Ballots.of(4, 2), 0), now);
        assertThat(sentOf(drain(forgetful), Promise.class)).hasSize(1);
    }

    @Test
    void aNewLeaderAdoptsTheHighestBallotValueOfEachSlotAndKnownChosenOnesAboveAll() {
        // five servers, so that the candidate needs both promises below (and itself) for a majority
        PaxosLiteProtocol candidate = candidate(1, List.of(1, 2, 3, 4, 5));
        long mine = candidateBallot(candidate, 4);
        // server 2 accepted slot 1 in ballot 2.1 and knows it is chosen; slot 2 in ballot 2.1
        // server 3 accepted slot 1 (another value) and slot 2 and 3 in the higher ballot 3.2, not knowing 1 chosen
        candidate.receive(2, new Promise(mine, 1, Ballots.of(2, 1), 1, List.of(value("a"), value("b"))), now);
        candidate.receive(3, new Promise(mine, 0, Ballots.of(3, 2), 1, List.of(value("x"), value("y"),
                value("z"))), now);
        List<Outbound> sent = drain(candidate);
        assertThat(candidate.leadership().role()).as("leading in earnest only once what it recovered is chosen")
                .isEqualTo(Role.LOOKING);
        // re-proposed to the followers in this ballot: slot 1 the chosen "a", slots 2 and 3 ballot 3.2's values
        assertThat(sentOf(sent, Heartbeat.class)).isNotEmpty();
        candidate.receive(2, new PaxosMessage.NeedCatchUp(mine, 0, 2), now);
        CatchUp catchUp = sentOf(drain(candidate), CatchUp.class).get(0);
        assertThat(catchUp.firstSlot()).isEqualTo(1);
        assertThat(catchUp.entries()).extracting(b -> new String(b, StandardCharsets.UTF_8))
                .containsExactly("a", "y", "z");
        // slot 1 is chosen and delivered at once; 2 and 3 once a majority accepted them in this ballot
        candidate.receive(2, new Accepted(mine, 3, 0), now);
        candidate.receive(3, new Accepted(mine, 3, 0), now);
        List<LogEntry> delivered = new ArrayList<>();
        while (candidate.hasReady()) {
            Ready ready = candidate.ready();
            delivered.addAll(ready.committed());
            candidate.advance(ready);
        }
        assertThat(delivered).extracting(e -> new String(e.payload(), StandardCharsets.UTF_8)).containsExactly("y",
                "z");
        assertThat(candidate.leadership().role()).isEqualTo(Role.LEADER);
    }

    @Test
    void withoutGapFillingTheNewLeaderIgnoresSlotsItsOwnLogLacks() {
        PaxosLiteProtocol candidate = server(1, Set.of(PlantedFault.SKIP_GAP_FILLING));
        now += 10 * SETTINGS.electionTimeoutMillis();
        candidate.tick(now);
        long mine = candidateBallot(candidate, 2);
        candidate.receive(2, new Promise(mine, 0, Ballots.of(2, 1), 1, List.of(value("a"))), now);
        drain(candidate);
        candidate.receive(2, new PaxosMessage.NeedCatchUp(mine, 0, 1), now);
        assertThat(sentOf(drain(candidate), CatchUp.class)).singleElement()
                .satisfies(c -> assertThat(c.entries()).isEmpty());
    }

    @Test
    void aCatchUpEndingBelowWhatIsKnownChosenIsRefusedAsBrokenAgreement() {
        PaxosLiteProtocol follower = server(2, Set.of());
        long ballot = Ballots.of(3, 0);
        follower.receive(1, new CatchUp(ballot, 1, List.of(value("a"), value("b")), null, 2), now);
        drain(follower);
        assertThatThrownBy(() -> follower.receive(1, new CatchUp(Ballots.of(4, 2), 1, List.of(value("a")), null, 1),
                now)).isInstanceOf(IllegalStateException.class).hasMessageContaining("below slot 2 known chosen");
    }

    private static long candidateBallot(PaxosLiteProtocol candidate, int peers) {
        List<Outbound> sent = drain(candidate);
        List<Prepare> prepares = sentOf(sent, Prepare.class);
        assertThat(prepares).as("the candidate's prepares").hasSize(peers);
        return prepares.get(0).ballot();
    }
}
