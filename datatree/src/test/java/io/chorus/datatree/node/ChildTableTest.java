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
    void duplicateInsertIsABug() {
        ChildTable table = new ChildTable(0);
        table.insert(node("a"));
        assertThatThrownBy(() -> table.insert(node("a"))).isInstanceOf(IllegalStateException.class);
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
