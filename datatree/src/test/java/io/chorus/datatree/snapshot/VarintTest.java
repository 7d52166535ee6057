package io.chorus.datatree.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Varints: shortest form, every long round-trips, malformed runs named by field. */
class VarintTest {
    @Test
    void smallValuesTakeOneByteAndExtremesTakeTen() throws IOException {
        assertThat(unsignedBytes(0)).containsExactly(0);
        assertThat(unsignedBytes(127)).containsExactly(127);
        assertThat(unsignedBytes(128)).containsExactly(0x80, 1);
        assertThat(unsignedBytes(-1L)).hasSize(Varint.LONG_BYTES_MAX);
        assertThat(signedBytes(-1)).containsExactly(1);
        assertThat(signedBytes(1)).containsExactly(2);
        assertThat(signedBytes(Long.MIN_VALUE)).hasSize(Varint.LONG_BYTES_MAX);
    }

    @Property(tries = 2000)
    void everyLongRoundTripsSignedAndUnsigned(@ForAll long value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        Varint.writeUnsigned(out, value);
        Varint.writeSigned(out, value);
        DataInputStream in = input(bytes.toByteArray());
        assertThat(Varint.readUnsigned(in, "u")).isEqualTo(value);
        assertThat(Varint.readSigned(in, "s")).isEqualTo(value);
        assertThat(in.available()).isZero();
    }

    @Test
    void runsPastTenBytesOrBitsPastSixtyFourAreRefusedByFieldName() {
        byte[] elevenBytes = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -127, 0};
        assertThatThrownBy(() -> Varint.readUnsigned(input(elevenBytes), "czxid"))
                .isInstanceOf(MalformedRecordException.class).hasMessage("czxid overflows 64 bits");
        byte[] tenthByteTooBig = {-1, -1, -1, -1, -1, -1, -1, -1, -1, 2};
        assertThatThrownBy(() -> Varint.readUnsigned(input(tenthByteTooBig), "ctime"))
                .hasMessage("ctime overflows 64 bits");
        assertThatThrownBy(() -> Varint.readUnsigned(input(new byte[] {-128}), "depth"))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void intFieldsRefuseValuesBeyondAnInt() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        Varint.writeUnsigned(out, Integer.MAX_VALUE);
        Varint.writeUnsigned(out, Integer.MAX_VALUE + 1L);
        Varint.writeSigned(out, Integer.MIN_VALUE);
        Varint.writeSigned(out, Integer.MIN_VALUE - 1L);
        DataInputStream in = input(bytes.toByteArray());
        assertThat(Varint.readUnsignedInt(in, "a")).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> Varint.readUnsignedInt(in, "b")).hasMessage("b 2147483648 does not fit an int");
        assertThat(Varint.readSignedInt(in, "c")).isEqualTo(Integer.MIN_VALUE);
        assertThatThrownBy(() -> Varint.readSignedInt(in, "d")).hasMessage("d -2147483649 does not fit an int");
    }

    private static int[] unsignedBytes(long value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Varint.writeUnsigned(new DataOutputStream(bytes), value);
        return unsigned(bytes.toByteArray());
    }

    private static int[] signedBytes(long value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Varint.writeSigned(new DataOutputStream(bytes), value);
        return unsigned(bytes.toByteArray());
    }

    private static int[] unsigned(byte[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xFF;
        }
        return out;
    }

    private static DataInputStream input(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}
