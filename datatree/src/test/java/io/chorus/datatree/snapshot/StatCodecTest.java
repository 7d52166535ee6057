package io.chorus.datatree.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.datatree.node.StoredStat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Stats spread over the czxid, ctime and rest columns, relative to the previous node. */
class StatCodecTest {
    @Property(tries = 500)
    void anySequenceOfStatsRoundTripsThroughTheColumns(@ForAll List<long[]> fields, @ForAll int version,
            @ForAll int cversion, @ForAll int aversion) throws IOException {
        List<StoredStat> stats = new ArrayList<>();
        for (long[] f : fields) {
            long[] six = Arrays.copyOf(f, 6);
            stats.add(new StoredStat(six[0], six[1], six[2], six[3], six[4], six[5], version, cversion, aversion));
        }
        stats.add(new StoredStat(Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, -1,
                Integer.MIN_VALUE, Integer.MAX_VALUE, 0));
        Columns columns = write(stats);
        assertThat(read(columns, stats.size())).containsExactlyElementsOf(stats);
    }

    @Test
    void anUnchangedNodeCreatedAtASteadyStrideFromItsPredecessorTakesTenBytes() throws IOException {
        Columns columns = write(List.of(StoredStat.created(0x1_0000_0000L, 1_700_000_000_000L, 0),
                StoredStat.created(0x1_0000_03e8L, 1_700_000_000_040L, 0)));
        Columns first = write(List.of(StoredStat.created(0x1_0000_0000L, 1_700_000_000_000L, 0)));
        assertThat(columns.size() - first.size()).isEqualTo(2 + 1 + 7);
    }

    private record Columns(ByteArrayOutputStream czxids, ByteArrayOutputStream ctimes, ByteArrayOutputStream rest) {
        int size() {
            return czxids.size() + ctimes.size() + rest.size();
        }
    }

    private static Columns write(List<StoredStat> stats) throws IOException {
        Columns columns = new Columns(new ByteArrayOutputStream(), new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
        StatCodec codec = new StatCodec();
        for (StoredStat stat : stats) {
            codec.writeCzxid(new DataOutputStream(columns.czxids()), stat.czxid());
            codec.writeCtime(new DataOutputStream(columns.ctimes()), stat.ctime());
            StatCodec.writeRest(new DataOutputStream(columns.rest()), stat);
        }
        return columns;
    }

    private static List<StoredStat> read(Columns columns, int count) throws IOException {
        StatCodec codec = new StatCodec();
        DataInputStream czxids = input(columns.czxids());
        DataInputStream ctimes = input(columns.ctimes());
        DataInputStream rest = input(columns.rest());
        List<StoredStat> stats = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            stats.add(StatCodec.readRest(rest, codec.readCzxid(czxids), codec.readCtime(ctimes)));
        }
        assertThat(czxids.available() + ctimes.available() + rest.available()).isZero();
        return stats;
    }

    private static DataInputStream input(ByteArrayOutputStream bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }
}
