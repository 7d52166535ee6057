package io.chorus.server.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.StateSnapshot;
import io.chorus.datatree.DataTree;
import io.chorus.datatree.TreeOptions;
import io.chorus.persistence.snapshot.InMemorySnapshotStore;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * What a protocol gets when it asks the driver for the snapshot its log continues from (paxos-lite sends it to a
 * follower when its own applied state is ahead of what is committed): the newest stored one, byte for byte.
 */
class TreeStatesNewestStoredTest {
    @Test
    void nothingStoredGivesNothing() {
        try (TreeStates states = new TreeStates(new InMemorySnapshotStore(), null, TreeOptions.DEFAULTS)) {
            assertThat(states.newestStored()).isEmpty();
        }
    }

    @Test
    void theNewestStoredSnapshotComesBackWholeWithItsZxid() throws IOException {
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        try (TreeStates states = new TreeStates(store, null, TreeOptions.DEFAULTS)) {
            StateSnapshot older = states.capture(new DataTree(TreeOptions.DEFAULTS));
            store.save(0x5, out -> out.write(older.bytes()));
            byte[] newer = {1, 2, 3, 4, 5};
            store.save(0x9, out -> out.write(newer));

            StateSnapshot stored = states.newestStored().orElseThrow();
            assertThat(stored.zxid()).isEqualTo(0x9);
            assertThat(stored.bytes()).isEqualTo(newer);
        }
    }
}
