package io.chorus.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.Create2Response;
import org.apache.zookeeper.proto.CreateResponse;
import org.apache.zookeeper.proto.GetACLResponse;
import org.apache.zookeeper.proto.GetChildren2Response;
import org.apache.zookeeper.proto.GetChildrenResponse;
import org.apache.zookeeper.proto.GetDataResponse;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.WatcherEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The archive writes exactly the bytes jute's own BinaryOutputArchive writes, for every kind of field. */
class ByteBufOutputArchiveTest {
    private static final Stat STAT = new Stat(1L << 40, 2, 3, 4, 5, -6, 7, 0x1234_5678_9ABCL, 100, 8, 9);

    static Stream<Record> records() {
        return Stream.of(
                new ReplyHeader(-1, 0x1_0000_0002L, -101),
                new CreateResponse("/plain/ascii"),
                new CreateResponse(null),
                new CreateResponse(""),
                new CreateResponse("/caf\u00e9/\u20ac/\uD83D\uDE00/\u0000"),
                new CreateResponse("/unpaired/\uD800x/\uDC00"),
                new Create2Response("/a", STAT),
                new GetDataResponse(new byte[] {0, 1, -1, 127, -128}, STAT),
                new GetDataResponse(null, STAT),
                new GetDataResponse(new byte[0], STAT),
                new GetChildrenResponse(new ArrayList<>(List.of("a", "b\u00ff", "c"))),
                new GetChildrenResponse(null),
                new GetChildren2Response(new ArrayList<>(), STAT),
                new GetACLResponse(new ArrayList<>(ZooDefs.Ids.OPEN_ACL_UNSAFE), STAT),
                new WatcherEvent(4, 3, "/watched"),
                new ConnectResponse(0, 30_000, 0x0100_0000_0000_0001L, new byte[16], true));
    }

    @ParameterizedTest
    @MethodSource("records")
    void writesWhatJuteWrites(Record record) throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        BinaryOutputArchive.getArchive(expected).writeRecord(record, "r");

        ByteBuf buf = Unpooled.buffer(4);
        try {
            buf.writeByte(0x7F); // something already in the buffer is left alone
            ByteBufOutputArchive archive = new ByteBufOutputArchive(buf);
            archive.writeRecord(record, "r");
            byte[] written = ByteBufUtil.getBytes(buf, 1, buf.readableBytes() - 1);
            assertThat(written).as(Arrays.toString(expected.toByteArray())).isEqualTo(expected.toByteArray());
            assertThat(archive.getDataSize()).isEqualTo(written.length);
            assertThat(buf.getByte(0)).isEqualTo((byte) 0x7F);
        } finally {
            buf.release();
        }
    }
}
