package io.chorus.zab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.StateSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;

class ZabMessageCodecTest {
    private static final LogEntry A = new LogEntry(0x100000001L, new byte[] {1, 2, 3});
    private static final LogEntry B = new LogEntry(0x100000002L, new byte[0]);

    static List<ZabMessage> samples() {
        return List.of(
                new ZabMessage.Notification(3, 0x200000005L, 2, 7, ZabMessage.PeerState.LEADING),
                new ZabMessage.FollowerInfo(4, 0x400000001L),
                new ZabMessage.LeaderInfo(5),
                new ZabMessage.AckEpoch(5, ZabMessage.AckEpoch.ALREADY_ACCEPTED, 0x300000009L, 0x300000001L),
                new ZabMessage.Diff(5, List.of(A, B)),
                new ZabMessage.Trunc(5, 0x100000001L, List.of(B)),
                new ZabMessage.Snap(5, new StateSnapshot(0x100000002L, new byte[] {9, 9}), List.of()),
                new ZabMessage.NewLeader(5, 0x100000002L),
                new ZabMessage.AckNewLeader(5),
                new ZabMessage.UpToDate(5, 0x100000002L),
                new ZabMessage.Proposal(A),
                new ZabMessage.Ack(5, 0x500000001L),
                new ZabMessage.Commit(5, 0x500000001L),
                new ZabMessage.Ping(5, 0x500000001L, 3),
                new ZabMessage.PingReply(5, 3),
                new ZabMessage.Forward(new byte[] {42}),
                new ZabMessage.ToLeader(new byte[] {1, 0, 0, 0, 0}),
                new ZabMessage.ToFollower(new byte[] {2, 7}),
                new ZabMessage.SyncRequest(77),
                new ZabMessage.SyncReply(77, 0x500000001L));
    }

    /** Records holding arrays compare by identity, so compare their re-encoding instead. */
    private static void assertRoundTrips(ZabMessage message) throws IOException {
        byte[] bytes = ZabMessageCodec.encode(message);
        ZabMessage decoded = ZabMessageCodec.decode(bytes);
        assertThat(decoded.getClass()).isEqualTo(message.getClass());
        assertThat(ZabMessageCodec.encode(decoded)).isEqualTo(bytes);
    }

    @Test
    void everyMessageTypeRoundTrips() throws IOException {
        assertThat(samples().stream().map(m -> m.getClass()).distinct()).hasSize(20);
        for (ZabMessage m : samples()) {
            assertRoundTrips(m);
        }
        assertThat(ZabMessageCodec.decode(ZabMessageCodec.encode(new ZabMessage.LeaderInfo(5))))
                .isEqualTo(new ZabMessage.LeaderInfo(5));
    }

    @Test
    void everyTruncationOfEveryMessageIsRejected() {
        for (ZabMessage m : samples()) {
            byte[] bytes = ZabMessageCodec.encode(m);
            for (int length = 0; length < bytes.length; length++) {
                byte[] cut = Arrays.copyOf(bytes, length);
                assertThatThrownBy(() -> ZabMessageCodec.decode(cut)).as("%s cut to %s", m, length)
                        .isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void trailingBytesUnknownTypesAndLyingLengthsAreRejected() {
        byte[] ok = ZabMessageCodec.encode(new ZabMessage.PingReply(1, 1));
        byte[] longer = Arrays.copyOf(ok, ok.length + 1);
        assertThatThrownBy(() -> ZabMessageCodec.decode(longer)).hasMessageContaining("trailing");
        assertThatThrownBy(() -> ZabMessageCodec.decode(new byte[] {99})).hasMessageContaining("unknown");
        byte[] hugeCount = ByteBuffer.allocate(13).put((byte) 5).putLong(1).putInt(Integer.MAX_VALUE).array();
        assertThatThrownBy(() -> ZabMessageCodec.decode(hugeCount)).hasMessageContaining("entries");
        byte[] negativeLength = ByteBuffer.allocate(5).put((byte) 16).putInt(-1).array();
        assertThatThrownBy(() -> ZabMessageCodec.decode(negativeLength)).hasMessageContaining("byte array");
        byte[] zeroZxid = ByteBuffer.allocate(13).put((byte) 11).putLong(0).putInt(0).array();
        assertThatThrownBy(() -> ZabMessageCodec.decode(zeroZxid)).hasMessageContaining("zxid");
        byte[] badState = ByteBuffer.allocate(30).put((byte) 1).putInt(1).putLong(1).putLong(1).putLong(1)
                .put((byte) 7).array();
        assertThatThrownBy(() -> ZabMessageCodec.decode(badState)).hasMessageContaining("state");
    }

    @Property(tries = 300)
    void randomEntryListsRoundTrip(@ForAll("entries") List<LogEntry> entries) throws IOException {
        assertRoundTrips(new ZabMessage.Diff(3, entries));
    }

    @Property(tries = 500)
    void arbitraryBytesNeverThrowAnythingButIOException(@ForAll byte[] garbage) {
        try {
            ZabMessageCodec.decode(garbage);
        } catch (IOException expected) {
            // a clear error is the point
        }
    }

    @Provide
    Arbitrary<List<LogEntry>> entries() {
        Arbitrary<LogEntry> entry = Combinators.combine(Arbitraries.longs().between(1, Long.MAX_VALUE),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20)).as(LogEntry::new);
        return entry.list().ofMaxSize(10);
    }
}
