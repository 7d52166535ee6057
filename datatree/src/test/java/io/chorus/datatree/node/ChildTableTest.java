package io.chorus.datatree.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.Acl;
import io.chorus.datatree.acl.AclInterner;
import io.chorus.datatree.acl.AclList;
import io.chorus.datatree.codec.Cesu8;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ChildTableTest {
    private static final AclList OPEN = new AclInterner().retain(Acl.OPEN_ACL_UNSAFE);
    private static final StoredStat STAT = StoredStat.created(1, 1, 0);

    @Property(tries = 200)
    void behavesLikeASetUnderAnyInsertAndRemoveSequence(
            @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 60) Integer> keys,
            @ForAll @Size(max = 300) List<Boolean> removes) {
        ChildTable table = new ChildTable(0);
        Set<String> model = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            String name = "n" + keys.get(i);
            byte[] bytes = Cesu8.encode(name);
            if (i < removes.size() && removes.get(i)) {
                Node removed = table.remove(bytes, 0, bytes.length);
                assertThat(removed != null).isEqualTo(model.remove(name));
            } else if (model.add(name)) {
                table.insert(node(name));
            }
            assertThat(table.size()).isEqualTo(model.size());
            assertThat(table.countReachable()).isEqualTo(model.size());
        }
        for (String name : model) {
            byte[] bytes = Cesu8.encode(name);
            assertThat(table.get(bytes, 0, bytes.length).name()).isEqualTo(name);
        }
    }

    @Test
    void growsPastThreeQuartersAndShrinksWhenMostlyEmpty() {
        ChildTable table = new ChildTable(0);
        for (int i = 0; i < 1000; i++) {
            table.insert(node("c" + i));
        }
        assertThat(table.capacity()).isEqualTo(2048);
        for (int i = 0; i < 995; i++) {
            byte[] name = Cesu8.encode("c" + i);
            table.remove(name, 0, name.length);
        }
        assertThat(table.capacity()).as("at most 8 slots per child after shrinking").isLessThanOrEqualTo(5 * 8);
        assertThat(table.countReachable()).isEqualTo(5);
    }

    @Test
    void duplicateInsertIsABugRefusedBeforeTheTableChanges() {
        ChildTable table = new ChildTable(0);
        table.insert(node("a"));
        table.insert(node("b"));
        table.insert(node("c"));
        int capacity = table.capacity();
        assertThatThrownBy(() -> table.insert(node("a"))).isInstanceOf(IllegalStateException.class);
        assertThat(table.size()).isEqualTo(3);
        assertThat(table.capacity()).as("a refused insert does not grow the table").isEqualTo(capacity);
        assertThat(table.countReachable()).isEqualTo(3);
    }

    @Test
    void fingerprintsFollowChildrenThroughGrowthRemovalAndShrinking() {
        ChildTable table = new ChildTable(0);
        int count = 5000;
        for (int i = 0; i < count; i++) {
            table.insert(node("n" + i));
        }
        for (int i = 1; i < count; i += 2) {
            byte[] name = Cesu8.encode("n" + i);
            assertThat(table.remove(name, 0, name.length)).isNotNull();
        }
        assertThat(table.countReachable()).isEqualTo(count / 2);
        for (int i = 0; i < count; i++) {
            byte[] name = Cesu8.encode("n" + i);
            assertThat(table.get(name, 0, name.length) != null).as("n" + i).isEqualTo(i % 2 == 0);
        }
        for (int i = 0; i < count - 6; i += 2) {
            byte[] name = Cesu8.encode("n" + i);
            table.remove(name, 0, name.length);
        }
        assertThat(table.size()).isEqualTo(3);
        assertThat(table.capacity()).isLessThanOrEqualTo(3 * 8);
        assertThat(table.countReachable()).isEqualTo(3);
    }

    @Test
    void aFingerprintIsNeverTheEmptyMarker() {
        assertThat(ChildTable.fingerprint(0x00FF_FFFF)).isNotZero();
        assertThat(ChildTable.fingerprint(0)).isNotZero();
        assertThat(ChildTable.fingerprint(0xAB00_0000)).isEqualTo((byte) 0xAB);
    }

    @Test
    void copyIsIndependentOfTheOriginal() {
        ChildTable table = new ChildTable(0);
        table.insert(node("a"));
        ChildTable copy = table.copyInto(1);
        copy.insert(node("b"));
        assertThat(table.size()).isEqualTo(1);
        assertThat(copy.size()).isEqualTo(2);
        assertThat(copy.generation()).isEqualTo(1);
    }

    private static Node node(String name) {
        byte[] bytes = Cesu8.encode(name);
        return new Node(bytes, 0, bytes.length, new byte[0], OPEN, STAT, 0);
    }
}
