package io.chorus.client.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.client.watch.WatchedPaths;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.proto.SetWatches2;
import org.junit.jupiter.api.Test;

class WatchResetBatchesTest {
    @Test
    void noWatchesMeansNoRequest() {
        assertThat(WatchResetBatches.of(new WatchedPaths(List.of(), List.of(), List.of(), List.of(), List.of()), 9))
                .isEmpty();
    }

    @Test
    void everyKindGoesInItsListWithTheLastZxidSeen() {
        List<SetWatches2> batches = WatchResetBatches.of(new WatchedPaths(List.of("/d"), List.of("/e"),
                List.of("/c"), List.of("/p"), List.of("/r")), 42);

        assertThat(batches).hasSize(1);
        SetWatches2 batch = batches.get(0);
        assertThat(batch.getRelativeZxid()).isEqualTo(42);
        assertThat(batch.getDataWatches()).containsExactly("/d");
        assertThat(batch.getExistWatches()).containsExactly("/e");
        assertThat(batch.getChildWatches()).containsExactly("/c");
        assertThat(batch.getPersistentWatches()).containsExactly("/p");
        assertThat(batch.getPersistentRecursiveWatches()).containsExactly("/r");
    }

    @Test
    void manyPathsAreSplitIntoBoundedBatchesWithoutLosingAny() {
        List<String> data = new ArrayList<>();
        String padding = "x".repeat(1_000);
        for (int i = 0; i < 400; i++) {
            data.add("/" + padding + i);
        }

        List<SetWatches2> batches = WatchResetBatches.of(new WatchedPaths(data, List.of(), List.of(), List.of(),
                List.of("/r")), 1);

        assertThat(batches).hasSizeGreaterThan(1);
        List<String> sent = new ArrayList<>();
        for (SetWatches2 batch : batches) {
            int chars = batch.getDataWatches().stream().mapToInt(String::length).sum();
            assertThat(chars).isLessThan(WatchResetBatches.BATCH_PATH_CHARS_MAX + padding.length() + 10);
            sent.addAll(batch.getDataWatches());
        }
        assertThat(sent).containsExactlyElementsOf(data);
        assertThat(batches.get(batches.size() - 1).getPersistentRecursiveWatches()).containsExactly("/r");
    }
}
