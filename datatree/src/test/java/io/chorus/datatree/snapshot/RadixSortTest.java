package io.chorus.datatree.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The radix sort orders as a comparison sort does on the bits it looks at, below and above its size cut-off. */
class RadixSortTest {
    @Property(tries = 300)
    void ordersByTheHighBitsAsSignedLongs(@ForAll @Size(max = 2 * RadixSort.VALUES_MIN) long[] randomBits,
            @ForAll @IntRange(max = 40) int ignoredLowBits, @ForAll @IntRange(max = 63) int constantHighBits) {
        // keep some high bits alike, as siblings' keys are, so that passes get skipped, and both signs occur
        long[] values = new long[randomBits.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (randomBits[i] >>> constantHighBits) ^ (i % 3 == 0 ? Long.MIN_VALUE : 0);
        }
        long[] sorted = values.clone();
        RadixSort.sort(sorted, ignoredLowBits);

        long[] expectedKeys = Arrays.stream(values).map(v -> v >> ignoredLowBits).sorted().toArray();
        assertThat(Arrays.stream(sorted).map(v -> v >> ignoredLowBits).toArray()).containsExactly(expectedKeys);
        Arrays.sort(values);
        assertThat(sorted).containsExactlyInAnyOrder(values);
    }
}
