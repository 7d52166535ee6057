package io.chorus.server.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.ProposeOutcome;
import io.chorus.api.spi.Ready;
import io.chorus.api.spi.Role;
import io.chorus.api.spi.Zxid;
import org.junit.jupiter.api.Test;

class StandaloneProtocolTest {
    private final StandaloneProtocol protocol = new StandaloneProtocol(1);

    @Test
    void startOpensAnEpochAboveTheNewestLoggedZxid() {
        protocol.start(Zxid.of(4, 17), 0);
        Ready ready = protocol.ready();
        assertThat(ready.leadership().role()).isEqualTo(Role.STANDALONE);
        assertThat(ready.leadership().epoch()).isEqualTo(5);
        protocol.advance(ready);
        protocol.propose(new byte[] {1}, 0);
        assertThat(protocol.ready().toPersist()).extracting(LogEntry::zxid).containsExactly(Zxid.of(5, 1));
    }

    @Test
    void entriesAreCommittedOnlyOnceDurableAndInOrder() {
        protocol.start(0, 0);
        protocol.advance(protocol.ready());
        assertThat(protocol.propose(new byte[] {1}, 0)).isEqualTo(ProposeOutcome.ACCEPTED);
        protocol.propose(new byte[] {2}, 0);
        Ready first = protocol.ready();
        assertThat(first.toPersist()).hasSize(2);
        assertThat(first.committed()).isEmpty();
        protocol.advance(first);
        assertThat(protocol.hasReady()).isFalse();

        protocol.persisted(first.toPersist().get(0).zxid());
        Ready second = protocol.ready();
        assertThat(second.committed()).containsExactly(first.toPersist().get(0));
        protocol.advance(second);

        protocol.persisted(first.toPersist().get(1).zxid());
        assertThat(protocol.ready().committed()).containsExactly(first.toPersist().get(1));
    }

    @Test
    void durableZxidNeverGoesBackwards() {
        protocol.start(0, 0);
        protocol.persisted(10);
        assertThatThrownBy(() -> protocol.persisted(9)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readBarriersAreSatisfiedInOrder() {
        protocol.start(0, 0);
        protocol.advance(protocol.ready());
        protocol.readBarrier(7);
        protocol.readBarrier(8);
        assertThat(protocol.ready().readBarriersSatisfied()).containsExactly(7L, 8L);
    }
}
