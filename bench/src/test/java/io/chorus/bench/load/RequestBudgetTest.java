package io.chorus.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {
    @Test
    void grantsExactlyTheBudgetAcrossConcurrentSessions() throws Exception {
        RequestBudget budget = new RequestBudget(1_000);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> granted = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                granted.add(threads.submit(() -> {
                    int n = 0;
                    for (int i = 0; i < 10_000; i++) {
                        if (budget.tryTake()) {
                            n++;
                        }
                    }
                    return n;
                }));
            }
            int total = 0;
            for (Future<Integer> f : granted) {
                total += f.get();
            }
            assertThat(total).isEqualTo(1_000);
            assertThat(budget.issued()).isEqualTo(1_000);
        } finally {
            threads.shutdownNow();
        }
    }
}
