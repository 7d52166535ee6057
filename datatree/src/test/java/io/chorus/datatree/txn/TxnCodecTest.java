package io.chorus.datatree.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.Acl;
import io.chorus.api.CreateMode;
import io.chorus.api.Id;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TxnCodecTest {
    private static final TxnHeader HEADER = new TxnHeader(0x1234_5678_9ABCL, 42, 1_700_000_000_123L,
            List.of(new Id("ip", "10.0.0.1"), new Id("digest", "u:h"), new Id("super", "")));

    static Stream<TxnBody> everyBody() {
        return Stream.of(
                new TxnBody.CreateSession(30_000, new byte[] {1, 2, 3}),
                new TxnBody.CreateSession(1, null),
                new TxnBody.CloseSession(),
                new TxnBody.Create("/a/b", new byte[] {0, -1, 127}, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, -1),
                new TxnBody.Create("/t", null, Acl.CREATOR_ALL_ACL, CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, 99),
                new TxnBody.Create(null, new byte[0], null, null, 0),
                new TxnBody.Create("/n", null, Arrays.asList(new Acl(1, Id.ANYONE), null), CreateMode.CONTAINER, -1),
                new TxnBody.Delete("/x", 7),
                new TxnBody.Delete(null, -1),
                new TxnBody.SetData("/caf\u00e9/\ud800", new byte[] {5}, 3),
                new TxnBody.SetAcl("/x", List.of(new Acl(Acl.READ, new Id("ip", "1.2.3.0/24"))), 9),
                new TxnBody.Check("/x", Integer.MIN_VALUE),
                new TxnBody.Multi(List.of(new TxnBody.Check("/a", 1), new TxnBody.Delete("/a", 2))),
                new TxnBody.Multi(Arrays.asList(new TxnBody.CloseSession(), null)),
                new TxnBody.Multi(null),
                new TxnBody.DeleteContainer("/c"),
                new TxnBody.DeleteExpiredTtl("/t", Long.MAX_VALUE));
    }

    @ParameterizedTest
    @MethodSource("everyBody")
    void everyBodyRoundTrips(TxnBody body) throws IOException {
        Txn txn = new Txn(HEADER, body);
        byte[] bytes = TxnCodec.encode(txn);
        Txn decoded = TxnCodec.decode(bytes);

        assertThat(decoded.header()).isEqualTo(HEADER);
        assertThat(decoded.body().getClass()).isEqualTo(body.getClass());
        assertThat(TxnCodec.encode(decoded)).isEqualTo(bytes);
        assertThat(decoded.body()).usingRecursiveComparison().isEqualTo(body);
    }

    /**
     * Bytes written by the encoder before it sized its output in advance: logs already on disk must keep
     * decoding, and the encoder must keep writing exactly this format.
     */
    static Stream<Object[]> goldenEncodings() {
        TxnHeader header = new TxnHeader(0x1234_5678_9ABCL, 42, 1_700_000_000_123L,
                List.of(new Id("ip", "10.0.0.1"), new Id("digest", "u:h")));
        String headerHex = "010000123456789abc0000002a0000018bcfe5687b000000020000000269700000000831302e302e302e31"
                + "0000000664696765737400000003753a68";
        return Stream.of(
                new Object[] {new Txn(header, new TxnBody.Create("/caf\u00e9/n1", new byte[] {0, -1, 127},
                        Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL, -1)), headerHex
                        + "03000000092f636166c3a92f6e310000000300ff7f00000001010000001f00000005776f726c6400000006616e796f"
                        + "6e6500000002ffffffffffffffff"},
                new Object[] {new Txn(header, new TxnBody.Multi(Arrays.asList(new TxnBody.Check("/a", 1),
                        new TxnBody.SetData("/a", null, 2), null,
                        new TxnBody.SetAcl("/a", Arrays.asList(new Acl(1, Id.ANYONE), null), 3)))), headerHex
                        + "080000000407000000022f610000000105000000022f61ffffffff000000020006000000022f610000000201000000"
                        + "0100000005776f726c6400000006616e796f6e650000000003"},
                new Object[] {new Txn(header, new TxnBody.CreateSession(30_000, new byte[] {9, 8})), headerHex
                        + "0100007530000000020908"},
                new Object[] {new Txn(header, new TxnBody.DeleteExpiredTtl("/t", 77)), headerHex
                        + "0a000000022f74000000000000004d"});
    }

    @ParameterizedTest
    @MethodSource("goldenEncodings")
    void theFormatOnDiskStaysByteForByteTheSame(Txn txn, String hex) throws IOException {
        byte[] golden = HexFormat.of().parseHex(hex);
        assertThat(TxnCodec.encode(txn)).isEqualTo(golden);
        assertThat(TxnCodec.encode(TxnCodec.decode(golden))).isEqualTo(golden);
    }

    @ParameterizedTest
    @MethodSource("everyBody")
    void everyTruncationIsAnIoException(TxnBody body) {
        byte[] bytes = TxnCodec.encode(new Txn(HEADER, body));
        for (int length = 0; length < bytes.length; length++) {
            byte[] prefix = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> TxnCodec.decode(prefix)).as("prefix of %d bytes", length)
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] bytes = TxnCodec.encode(new Txn(HEADER, new TxnBody.CloseSession()));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> TxnCodec.decode(longer)).isInstanceOf(IOException.class).hasMessageContaining("trailing");
    }

    @Test
    void unknownFormatTagOrModeIsNamed() {
        byte[] bytes = TxnCodec.encode(new Txn(HEADER, new TxnBody.CloseSession()));
        byte[] badFormat = bytes.clone();
        badFormat[0] = 9;
        assertThatThrownBy(() -> TxnCodec.decode(badFormat)).hasMessageContaining("format");
        byte[] badTag = bytes.clone();
        badTag[bytes.length - 1] = 77;
        assertThatThrownBy(() -> TxnCodec.decode(badTag)).hasMessageContaining("body tag 77");

        byte[] create = TxnCodec.encode(new Txn(HEADER,
                new TxnBody.Create("/a", null, null, CreateMode.PERSISTENT, -1)));
        int modeOffset = create.length - 8 - 4;
        create[modeOffset + 3] = 42;
        assertThatThrownBy(() -> TxnCodec.decode(create)).hasMessageContaining("create.mode");
        assertThatThrownBy(() -> TxnCodec.decode(null)).isInstanceOf(IOException.class);
    }

    @Test
    void nullBodyAtTopLevelIsRejected() {
        byte[] bytes = TxnCodec.encode(new Txn(HEADER, new TxnBody.CloseSession()));
        bytes[bytes.length - 1] = 0;
        assertThatThrownBy(() -> TxnCodec.decode(bytes)).hasMessageContaining("null body");
    }

    @Test
    void multiNestingIsBoundedBothWays() throws IOException {
        TxnBody deepest = new TxnBody.Multi(List.of());
        for (int i = 1; i < TxnCodec.MULTI_NESTING_MAX; i++) {
            deepest = new TxnBody.Multi(List.of(deepest));
        }
        TxnCodec.decode(TxnCodec.encode(new Txn(HEADER, deepest)));

        TxnBody tooDeep = new TxnBody.Multi(List.of(deepest));
        assertThatThrownBy(() -> TxnCodec.encode(new Txn(HEADER, tooDeep))).isInstanceOf(IllegalArgumentException.class);

        byte[] handcrafted = TxnCodec.encode(new Txn(HEADER, new TxnBody.Multi(List.of(new TxnBody.CloseSession()))));
        byte[] nested = nestMultis(handcrafted, TxnCodec.MULTI_NESTING_MAX);
        assertThatThrownBy(() -> TxnCodec.decode(nested)).hasMessageContaining("nested");
    }

    @Property(tries = 2000)
    void arbitraryBytesDecodeOrFailWithIoExceptionOnly(@ForAll byte[] bytes) {
        try {
            TxnCodec.decode(bytes);
        } catch (IOException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void corruptedValidTxnsDecodeOrFailWithIoExceptionOnly(@ForAll int position, @ForAll byte value) {
        byte[] bytes = TxnCodec.encode(new Txn(HEADER, everyBody().skip(Math.floorMod(position, 17)).findFirst().get()));
        bytes[Math.floorMod(position, bytes.length)] = value;
        try {
            TxnCodec.decode(bytes);
        } catch (IOException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /** Wraps the multi at the end of {@code bytes} in {@code extra} more single-op multis, by hand. */
    private static byte[] nestMultis(byte[] bytes, int extra) {
        int headerEnd = bytes.length - (1 + 4 + 1);
        byte[] prefix = Arrays.copyOf(bytes, headerEnd);
        byte[] wrapper = {8, 0, 0, 0, 1};
        byte[] out = Arrays.copyOf(prefix, headerEnd + wrapper.length * extra + 6);
        int at = headerEnd;
        for (int i = 0; i < extra; i++) {
            System.arraycopy(wrapper, 0, out, at, wrapper.length);
            at += wrapper.length;
        }
        System.arraycopy(bytes, headerEnd, out, at, 6);
        return out;
    }
}
