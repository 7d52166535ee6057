package io.chorus.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.Id;
import io.chorus.api.ReadConsistency;
import io.chorus.client.wire.OpCode;
import java.util.Arrays;
import java.util.List;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.GetDataResponse;
import org.apache.zookeeper.proto.SetDataRequest;
import org.junit.jupiter.api.Test;

class ForwardedReadsTest {
    private static final ForwardedReads.Read READ = new ForwardedReads.Read(77, ReadConsistency.LINEARIZABLE,
            0x1234, List.of(new Id("ip", "127.0.0.1"), new Id("digest", "alice:x")), OpCode.GET_DATA,
            new GetDataRequest("/a", false));

    @Test
    void aReadAndItsReplyRoundTrip() {
        byte[] bytes = ForwardedReads.encode(READ);
        assertThat(ForwardedReads.kind(bytes)).isEqualTo(ForwardedReads.READ);
        ForwardedReads.Read read = ForwardedReads.decodeRead(bytes);
        assertThat(read.requestId()).isEqualTo(77);
        assertThat(read.consistency()).isEqualTo(ReadConsistency.LINEARIZABLE);
        assertThat(read.sessionId()).isEqualTo(0x1234);
        assertThat(read.authIds()).isEqualTo(READ.authIds());
        assertThat(read.request()).isEqualTo(READ.request());

        GetDataResponse body = new GetDataResponse(new byte[] {1, 2}, new Stat());
        byte[] reply = ForwardedReads.encode(new ForwardedReads.Reply(77, 0, 0x500000003L, OpCode.GET_DATA, body));
        assertThat(ForwardedReads.kind(reply)).isEqualTo(ForwardedReads.REPLY);
        ForwardedReads.Reply decoded = ForwardedReads.decodeReply(reply);
        assertThat(decoded.zxid()).isEqualTo(0x500000003L);
        assertThat(((GetDataResponse) decoded.body()).getData()).containsExactly(1, 2);

        ForwardedReads.Reply failed = ForwardedReads.decodeReply(ForwardedReads.encode(
                new ForwardedReads.Reply(78, -101, 9, OpCode.GET_DATA, null)));
        assertThat(failed.err()).isEqualTo(-101);
        assertThat(failed.body()).isNull();
    }

    @Test
    void truncatedLyingAndForeignMessagesAreRefusedWithAReason() {
        byte[] bytes = ForwardedReads.encode(READ);
        assertThatThrownBy(() -> ForwardedReads.decodeRead(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed forwarded read");
        byte[] lying = bytes.clone();
        lying[1 + 8 + 4 + 8] = 0x7f; // the identity count
        assertThatThrownBy(() -> ForwardedReads.decodeRead(lying)).hasMessageContaining("identities");
        byte[] write = ForwardedReads.encode(new ForwardedReads.Read(1, ReadConsistency.LEADER, 1, List.of(),
                OpCode.SET_DATA, new SetDataRequest("/a", new byte[0], -1)));
        assertThatThrownBy(() -> ForwardedReads.decodeRead(write)).hasMessageContaining("is not forwarded");
        assertThatThrownBy(() -> ForwardedReads.decodeReply(bytes)).hasMessageContaining("kind");
    }
}
