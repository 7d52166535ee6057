package io.chorus.datatree.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.Acl;
import io.chorus.datatree.node.Node;
import io.chorus.datatree.node.NodeStoreBuilder;
import io.chorus.datatree.node.StoredStat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The keyed sort orders exactly as comparing whole names as unsigned bytes does. */
class NameOrderTest {
    @Property(tries = 500)
    void ordersAsUnsignedNameComparison(@ForAll("siblingNames") Set<List<Byte>> names) {
        Node[] children = children(names);
        Node[] expected = children.clone();
        Arrays.sort(expected, NameOrder::compareNames);

        assertThat(NameOrder.sorted(children)).containsExactly(expected);
    }

    @Provide
    Arbitrary<Set<List<Byte>>> siblingNames() {
        // a shared stem, then a tail over few byte values (so ties in the first eight bytes are common),
        // including high bytes that order differently signed and unsigned, and zero bytes
        Arbitrary<Byte> tailByte = Arbitraries.of((byte) 0, (byte) '0', (byte) '1', (byte) 'a', (byte) 0x7F,
                (byte) 0x80, (byte) 0xC3, (byte) 0xFF);
        return Arbitraries.of("", "n", "lock-0000", "a-very-long-shared-stem-").flatMap(stem -> tailByte.list()
                .ofMinSize(stem.isEmpty() ? 1 : 0).ofMaxSize(12).map(tail -> {
                    List<Byte> name = new ArrayList<>();
                    for (byte b : stem.getBytes(StandardCharsets.US_ASCII)) {
                        name.add(b);
                    }
                    name.addAll(tail);
                    return name;
                }).set().ofMinSize(1).ofMaxSize(80));
    }

    private static Node[] children(Set<List<Byte>> names) {
        NodeStoreBuilder builder = new NodeStoreBuilder(true);
        StoredStat stat = new StoredStat(0, 0, 0, 0, 0, 0, 0, 0, 0);
        Node root = builder.addRoot(new byte[0], Acl.OPEN_ACL_UNSAFE, stat);
        for (List<Byte> name : new LinkedHashSet<>(names)) {
            byte[] path = new byte[name.size() + 1];
            path[0] = '/';
            for (int i = 0; i < name.size(); i++) {
                path[i + 1] = name.get(i);
            }
            builder.addChild(root, path, 1, path.length, null, Acl.OPEN_ACL_UNSAFE, stat);
        }
        return root.childrenArray();
    }
}
