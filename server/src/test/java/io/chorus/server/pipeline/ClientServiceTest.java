package io.chorus.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.Clock;
import io.chorus.api.spi.Role;
import io.chorus.datatree.DataTree;
import io.chorus.datatree.TreeOptions;
import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnBody;
import io.chorus.datatree.watch.WatchManager;
import io.chorus.server.config.ServerConfig;
import io.chorus.server.net.ConnectPacket;
import io.chorus.server.session.SessionTracker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Serving periods: who is served, who is held while an election runs, and who is cut off when a period ends. */
class ClientServiceTest {
    private final List<Txn> proposed = new ArrayList<>();
    private final DataTree tree = new DataTree(TreeOptions.DEFAULTS);
    private final ClientService service = new ClientService(t -> new RequestPipeline(ServerConfig.defaults(), 1, t,
            new WatchManager(), new SessionTracker(), new RecordingProposer(proposed), Clock.SYSTEM));

    private static ConnectPacket newSession(int timeoutMillis) {
        return new ConnectPacket(0, 0, timeoutMillis, 0, new byte[16], false);
    }

    @Test
    void aConnectDuringAnElectionIsHeldAndServedOnceTheServerFollows() {
        assertThat(service.serve(Role.LOOKING, tree, 0)).isNull();
        RecordingChannel client = new RecordingChannel();
        service.connect(client, newSession(30_000), 0);
        assertThat(client.isOpen()).isTrue();
        assertThat(proposed).isEmpty();

        service.expireHeld(1_999);
        assertThat(client.isOpen()).as("still within the hold").isTrue();
        assertThat(service.serve(Role.FOLLOWER, tree, 1_500)).isNotNull();
        assertThat(proposed).singleElement().extracting(Txn::body).isInstanceOf(TxnBody.CreateSession.class);
        assertThat(service.holds(client)).isTrue();
    }

    @Test
    void aHeldConnectIsClosedWhenNoQuorumComesInTime() {
        service.serve(Role.LOOKING, tree, 0);
        RecordingChannel patient = new RecordingChannel();
        RecordingChannel hurried = new RecordingChannel();
        service.connect(patient, newSession(30_000), 0);
        service.connect(hurried, newSession(3_000), 0); // a third of its timeout: 1 s

        service.expireHeld(1_000);
        assertThat(hurried.isOpen()).isFalse();
        assertThat(hurried.closedBecause).contains("no quorum");
        assertThat(patient.isOpen()).isTrue();
        service.expireHeld(ClientService.HOLD_MILLIS_MAX);
        assertThat(patient.isOpen()).isFalse();

        service.serve(Role.LEADER, tree, 2_500);
        assertThat(proposed).as("nobody left to serve").isEmpty();
    }

    @Test
    void aConnectNotYetAnsweredWhenThePeriodEndsIsHeldForTheNextOneButAnEstablishedSessionIsCut() {
        service.serve(Role.FOLLOWER, tree, 0);
        RecordingChannel established = new RecordingChannel();
        service.connect(established, newSession(30_000), 0);
        Txn create = proposed.remove(0);
        long sessionId = established.sessionId();
        service.current().onApplied(1, create, tree.apply(1, create));
        assertThat(service.current().isEstablished(established)).isTrue();

        RecordingChannel unanswered = new RecordingChannel();
        service.connect(unanswered, newSession(30_000), 5); // its CreateSession went to a leader that just died
        assertThat(proposed).hasSize(1);
        assertThat(service.current().isEstablished(unanswered)).isFalse();

        service.serve(Role.LOOKING, tree, 10);
        assertThat(established.isOpen()).isFalse();
        assertThat(unanswered.isOpen()).as("held, not cut").isTrue();

        service.serve(Role.FOLLOWER, tree, 100);
        assertThat(proposed).hasSize(2).last().extracting(Txn::body).isInstanceOf(TxnBody.CreateSession.class);
        assertThat(service.holds(unanswered)).isTrue();
        assertThat(sessionId).isNotZero();
    }

    @Test
    void aHeldClientThatHungUpIsForgotten() {
        service.serve(Role.LOOKING, tree, 0);
        RecordingChannel client = new RecordingChannel();
        service.connect(client, newSession(30_000), 0);
        service.disconnected(client);
        service.serve(Role.FOLLOWER, tree, 10);
        assertThat(proposed).isEmpty();
    }

    @Test
    void endingAPeriodClosesEveryEstablishedSessionAndANewTreeStartsANewPeriod() {
        RequestPipeline first = service.serve(Role.FOLLOWER, tree, 0);
        RecordingChannel client = connectAndEstablish(tree, 1);
        assertThat(service.serve(Role.FOLLOWER, tree, 5)).isSameAs(first);

        DataTree replaced = new DataTree(TreeOptions.DEFAULTS);
        RequestPipeline second = service.serve(Role.FOLLOWER, replaced, 10);
        assertThat(second).isNotSameAs(first);
        assertThat(client.isOpen()).isFalse();
        assertThat(client.closedBecause).contains("replaced");

        RecordingChannel next = connectAndEstablish(replaced, 1);
        assertThat(service.serve(Role.LOOKING, replaced, 30)).isNull();
        assertThat(next.isOpen()).isFalse();
        assertThat(next.closedBecause).contains("LOOKING");
    }

    /** A client whose new session is created (its CreateSession applied at {@code zxid}) in the current period. */
    private RecordingChannel connectAndEstablish(DataTree current, long zxid) {
        RecordingChannel client = new RecordingChannel();
        service.connect(client, newSession(30_000), 0);
        Txn create = proposed.remove(proposed.size() - 1);
        service.current().onApplied(zxid, create, current.apply(zxid, create));
        assertThat(service.current().isEstablished(client)).isTrue();
        return client;
    }
}
