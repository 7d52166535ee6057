package io.chorus.datatree.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Names relative to the previous sibling: exact round trips, a few bytes for counters, named corruption. */
class SiblingNamesTest {
    /** A node's depth and name, in record order. */
    private record Entry(int depth, String name) {
    }

    @Property(tries = 1000)
    void anyPreOrderSequenceRoundTrips(@ForAll("preOrder") List<Entry> entries) throws IOException {
        assertThat(roundTrip(entries)).isEqualTo(entries.stream().map(Entry::name).toList());
    }

    @Test
    void countersAtASteadyStrideCostTwoBytesAndKeepTheirWidth() throws IOException {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(1, "p00000"));
        for (int i = 0; i < 100; i++) {
            entries.add(new Entry(2, String.format("n%08d", i * 1000 + 7)));
        }
        byte[] encoded = encode(entries);
        // the first name of each depth is literal: a 1-byte header, a 1-byte length and its bytes
        assertThat(encoded.length).isEqualTo((2 + 6) + (2 + 9) + 99 * 2);
        assertThat(decode(encoded, entries)).containsExactlyElementsOf(entries.stream().map(Entry::name).toList());
    }

    @Test
    void aCounterThatWouldOverflowItsWidthOrGoBackIsWrittenLiterally() throws IOException {
        List<Entry> entries = List.of(new Entry(1, "lock-98"), new Entry(1, "lock-99"), new Entry(1, "lock-990"),
                new Entry(1, "x9"), new Entry(1, "x10"), new Entry(1, "a12345678901234567890"),
                new Entry(1, "a12345678901234567891"), new Entry(1, "b"), new Entry(2, "b"), new Entry(2, "b1"));
        assertThat(roundTrip(entries)).containsExactlyElementsOf(entries.stream().map(Entry::name).toList());
    }

    @Test
    void aNumberedNameWithoutANumberedSiblingOrPastItsWidthIsNamedCorruption() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        Varint.writeUnsigned(out, (5 << 1) | 1);
        assertThatThrownBy(() -> new SiblingNames().read(input(bytes.toByteArray()), 1, 100))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("no number");

        bytes.reset();
        new SiblingNames().write(out, 1, ascii("n98"), 3);
        Varint.writeUnsigned(out, (2 << 1) | 1); // 98 + 2 needs a third digit
        DataInputStream in = input(bytes.toByteArray());
        SiblingNames reader = new SiblingNames();
        assertThat(reader.read(in, 1, 100)).isEqualTo(ascii("n98"));
        assertThatThrownBy(() -> reader.read(in, 1, 100)).hasMessageContaining("past a 2-digit number 98");
    }

    @Test
    void aLiteralSharingMoreThanItsSiblingHasOrLongerThanTheLimitIsNamedCorruption() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        Varint.writeUnsigned(out, 3 << 1);
        Varint.writeUnsigned(out, 1);
        assertThatThrownBy(() -> new SiblingNames().read(input(bytes.toByteArray()), 1, 100))
                .hasMessageContaining("a name of 3 bytes shared with its previous sibling's 0");
        bytes.reset();
        Varint.writeUnsigned(out, 0);
        Varint.writeUnsigned(out, 101);
        assertThatThrownBy(() -> new SiblingNames().read(input(bytes.toByteArray()), 1, 100))
                .hasMessageContaining("at most 100 in all");
    }

    @Provide
    Arbitrary<List<Entry>> preOrder() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab09-_").ofMinLength(1).ofMaxLength(12),
                Arbitraries.integers().between(0, 2000).map(i -> String.format("lock-%05d", i)),
                Arbitraries.longs().between(0, 999_999_999_999_999_999L).map(i -> "q" + i));
        // depths that a pre-order walk can produce: each at most one deeper than the one before
        return Arbitraries.integers().between(0, 3).list().ofMaxSize(60).flatMap(steps -> names.list()
                .ofSize(steps.size()).map(list -> {
                    List<Entry> entries = new ArrayList<>();
                    int depth = 0;
                    for (int i = 0; i < steps.size(); i++) {
                        depth = i == 0 ? 1 : Math.max(1, Math.min(depth + 1, steps.get(i)));
                        entries.add(new Entry(depth, list.get(i)));
                    }
                    return entries;
                }));
    }

    private static List<String> roundTrip(List<Entry> entries) throws IOException {
        return decode(encode(entries), entries);
    }

    private static byte[] encode(List<Entry> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        SiblingNames writer = new SiblingNames();
        for (Entry entry : entries) {
            byte[] name = ascii(entry.name());
            writer.write(out, entry.depth(), name, name.length);
        }
        return bytes.toByteArray();
    }

    private static List<String> decode(byte[] encoded, List<Entry> entries) throws IOException {
        DataInputStream in = input(encoded);
        SiblingNames reader = new SiblingNames();
        List<String> names = new ArrayList<>();
        for (Entry entry : entries) {
            names.add(new String(reader.read(in, entry.depth(), 1 << 20), StandardCharsets.US_ASCII));
        }
        assertThat(in.available()).isZero();
        return names;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static DataInputStream input(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}
