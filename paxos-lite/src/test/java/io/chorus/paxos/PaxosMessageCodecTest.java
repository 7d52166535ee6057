package io.chorus.paxos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.spi.StateSnapshot;
import io.chorus.paxos.PaxosMessage.Accept;
import io.chorus.paxos.PaxosMessage.Accepted;
import io.chorus.paxos.PaxosMessage.CatchUp;
import io.chorus.paxos.PaxosMessage.ToFollower;
import io.chorus.paxos.PaxosMessage.Forward;
import io.chorus.paxos.PaxosMessage.Heartbeat;
import io.chorus.paxos.PaxosMessage.NeedCatchUp;
import io.chorus.paxos.PaxosMessage.Prepare;
import io.chorus.paxos.PaxosMessage.Promise;
import io.chorus.paxos.PaxosMessage.ReadIndexReply;
import io.chorus.paxos.PaxosMessage.ReadIndexRequest;
import io.chorus.paxos.PaxosMessage.Reject;
import io.chorus.paxos.PaxosMessage.ToLeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every paxos-lite message survives the wire, and a malformed frame is a named IOException. */
class PaxosMessageCodecTest {
    private static final List<byte[]> ENTRIES = List.of(new byte[] {1, 2, 3}, new byte[0], new byte[] {9});

    static Stream<PaxosMessage> messages() {
        return Stream.of(new Prepare(Ballots.of(3, 1), 17), new Promise(Ballots.of(3, 1), 12, Ballots.of(2, 0), 18,
                ENTRIES), new Reject(Ballots.of(3, 1), Ballots.of(4, 2), true),
                new CatchUp(Ballots.of(5, 0), 9, ENTRIES, null, 8),
                new CatchUp(Ballots.of(5, 0), 21, ENTRIES, new StateSnapshot(SlotZxids.zxid(20), new byte[] {7, 7}), 20),
                new Accept(Ballots.of(5, 0), 40, ENTRIES, 39), new Accepted(Ballots.of(5, 0), 42, 7),
                new NeedCatchUp(Ballots.of(5, 0), 3, 11), new Heartbeat(Ballots.of(5, 0), 42, 7), new ToFollower(new byte[] {3, 1}),
                new PaxosMessage.Commit(Ballots.of(5, 0), 43),
                new Forward(new byte[] {4, 5}), new ToLeader(new byte[] {6}), new ReadIndexRequest(77),
                new ReadIndexReply(77, 42));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyMessageRoundTrips(PaxosMessage message) throws IOException {
        byte[] encoded = PaxosMessageCodec.encode(message);
        PaxosMessage decoded = PaxosMessageCodec.decode(encoded);
        assertThat(decoded.getClass()).isEqualTo(message.getClass());
        assertThat(PaxosMessageCodec.encode(decoded)).isEqualTo(encoded);
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyTruncationOfAMessageIsRefusedByName(PaxosMessage message) {
        byte[] encoded = PaxosMessageCodec.encode(message);
        for (int length = 0; length < encoded.length; length++) {
            byte[] cut = Arrays.copyOf(encoded, length);
            assertThatThrownBy(() -> PaxosMessageCodec.decode(cut)).as("first %d bytes", length)
                    .isInstanceOf(IOException.class).hasMessageContaining("paxos-lite");
        }
    }

    @Test
    void unknownTypesTrailingBytesAndImpossibleCountsAreRefused() {
        assertThatThrownBy(() -> PaxosMessageCodec.decode(new byte[] {99})).isInstanceOf(IOException.class)
                .hasMessageContaining("unknown paxos-lite message type 99");
        byte[] heartbeat = PaxosMessageCodec.encode(new Heartbeat(1, 2, 3));
        byte[] longer = Arrays.copyOf(heartbeat, heartbeat.length + 1);
        assertThatThrownBy(() -> PaxosMessageCodec.decode(longer)).isInstanceOf(IOException.class)
                .hasMessageContaining("left over");
        // an Accept claiming two billion entries in a 30-byte frame: refused before anything is allocated
        byte[] accept = ByteBuffer.allocate(1 + 8 + 8 + 4 + 8).put((byte) 5).putLong(1).putLong(1)
                .putInt(Integer.MAX_VALUE).putLong(0).array();
        assertThatThrownBy(() -> PaxosMessageCodec.decode(accept)).isInstanceOf(IOException.class)
                .hasMessageContaining("entry count");
        byte[] badFlag = PaxosMessageCodec.encode(new Reject(1, 2, false));
        badFlag[badFlag.length - 1] = 7;
        assertThatThrownBy(() -> PaxosMessageCodec.decode(badFlag)).isInstanceOf(IOException.class)
                .hasMessageContaining("flag");
    }

    @Test
    void slotsMapToZxidsThatFollowOneAnotherAcrossTheCounterLimit() {
        assertThat(SlotZxids.zxid(0)).isZero();
        for (long slot : new long[] {1, 2, 0xfffffffeL, 0xffffffffL, 0x100000000L, 0x100000001L, 0x1ffffffffL}) {
            assertThat(SlotZxids.slot(SlotZxids.zxid(slot))).isEqualTo(slot);
            long next = SlotZxids.zxid(slot + 1);
            long zxid = SlotZxids.zxid(slot);
            boolean sameEpoch = io.chorus.api.spi.Zxid.epoch(next) == io.chorus.api.spi.Zxid.epoch(zxid);
            assertThat(sameEpoch ? io.chorus.api.spi.Zxid.counter(next) == io.chorus.api.spi.Zxid.counter(zxid) + 1
                    : io.chorus.api.spi.Zxid.counter(next) == 1).as("slot %d then %d", slot, slot + 1).isTrue();
        }
    }
}
