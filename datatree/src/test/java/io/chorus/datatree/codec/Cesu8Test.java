package io.chorus.datatree.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class Cesu8Test {
    @Property(tries = 500)
    void everyStringRoundTripsExactly(@ForAll String s) throws IOException {
        byte[] bytes = Cesu8.encode(s);
        assertThat(bytes).hasSize(Cesu8.encodedLength(s));
        assertThat(Cesu8.decode(bytes, 0, bytes.length)).isEqualTo(s);
    }

    @Test
    void unpairedSurrogatesStayDistinct() {
        assertThat(Cesu8.encode("\ud800")).isNotEqualTo(Cesu8.encode("\udc00")).isNotEqualTo(Cesu8.encode("?"));
    }

    @Test
    void equalsUtf8ForBasicMultilingualPlaneCharacters() {
        String s = "caf\u00e9/\u4e2d\u6587/plain";
        assertThat(Cesu8.encode(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rejectsMalformedBytes() {
        assertMalformed(new byte[] {(byte) 0x80});
        assertMalformed(new byte[] {(byte) 0xC3});
        assertMalformed(new byte[] {(byte) 0xC0, (byte) 0x80});
        assertMalformed(new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80});
        assertMalformed(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80});
        assertMalformed(new byte[] {(byte) 0xE4, (byte) 0x41, (byte) 0x41});
    }

    private static void assertMalformed(byte[] bytes) {
        assertThatThrownBy(() -> Cesu8.decode(bytes, 0, bytes.length))
                .isInstanceOf(IOException.class).hasMessageContaining("malformed");
    }
}
