package io.chorus.datatree.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class BoundedReaderTest {
    @Test
    void readsBigEndianPrimitives() throws IOException {
        BoundedReader in = new BoundedReader(new byte[] {0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 5, 7});
        assertThat(in.readInt("i")).isEqualTo(258);
        assertThat(in.readLong("l")).isEqualTo(5);
        assertThat(in.readByte("b")).isEqualTo((byte) 7);
        in.expectEnd("test");
    }

    @Test
    void truncationNamesTheField() {
        BoundedReader in = new BoundedReader(new byte[] {0, 0});
        assertThatThrownBy(() -> in.readInt("header.cxid")).isInstanceOf(IOException.class)
                .hasMessageContaining("header.cxid").hasMessageContaining("truncated");
    }

    @Test
    void lengthBeyondTheRemainingBytesIsMalformedWithoutAllocating() {
        BoundedReader in = new BoundedReader(new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 2});
        assertThatThrownBy(() -> in.readBytesOrNull("data")).isInstanceOf(IOException.class)
                .hasMessageContaining("does not fit");
    }

    @Test
    void countBeyondWhatTheRemainingBytesCanHoldIsMalformed() {
        BoundedReader in = new BoundedReader(new byte[] {0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> in.readCount("ids", 8)).isInstanceOf(IOException.class).hasMessageContaining("ids");
    }

    @Test
    void minusOneIsNullAndOtherNegativesAreMalformed() throws IOException {
        assertThat(new BoundedReader(new byte[] {-1, -1, -1, -1}).readStringOrNull("s")).isNull();
        assertThatThrownBy(() -> new BoundedReader(new byte[] {-1, -1, -1, -2}).readStringOrNull("s"))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new BoundedReader(new byte[] {-1, -1, -1, -1}).readString("s"))
                .isInstanceOf(IOException.class).hasMessageContaining("null");
    }

    @Test
    void trailingBytesAreReported() {
        assertThatThrownBy(() -> new BoundedReader(new byte[] {1}).expectEnd("txn"))
                .isInstanceOf(IOException.class).hasMessageContaining("trailing");
    }
}
