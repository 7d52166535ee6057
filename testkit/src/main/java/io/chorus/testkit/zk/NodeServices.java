package io.chorus.testkit.zk;

import io.chorus.api.spi.AppMessage;
import io.chorus.api.spi.LogEntry;
import io.chorus.server.config.ServerConfig;
import io.chorus.testkit.sim.NodeListener;
import io.chorus.testkit.sim.SimNode;
import io.chorus.testkit.sim.SimRandom;
import io.chorus.testkit.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The server side of a simulated client workload: the request pipeline hosted on every node ({@link NodeService}),
 * ticked as a server's driver ticks it, and fed what the nodes do (the workload gives this listener to the
 * simulation). A workload that must see applied transactions first (to record expiries) passes {@code onApplied}.
 */
final class NodeServices implements NodeListener {
    private static final long TICK_MILLIS = 100;

    private final Map<Integer, NodeService> byNode = new TreeMap<>();
    private final BiConsumer<Integer, TreeStateMachine.Applied> beforeApplied;

    /** Each node's pipeline gets its own stream split from {@code random} (for session passwords), in node order. */
    NodeServices(Simulation sim, SimRandom random, BiConsumer<Integer, TreeStateMachine.Applied> beforeApplied) {
        this.beforeApplied = beforeApplied;
        // housekeeping every second, as the simulator ran it before the pipeline owned the interval
        ServerConfig config = ServerConfig.builder().tickTimeMillis(1_000).containerCheckIntervalMillis(1_000).build();
        for (SimNode node : sim.nodes()) {
            byNode.put(node.id(), new NodeService(sim, node, config, random.split()));
        }
    }

    /** Ticks every pipeline from now on. */
    void start(Simulation sim) {
        sim.every(TICK_MILLIS, () -> byNode.values().forEach(NodeService::tick));
    }

    NodeService get(int node) {
        return byNode.get(node);
    }

    /** The nodes that serve clients now, in id order. */
    List<Integer> serving() {
        List<Integer> serving = new ArrayList<>();
        byNode.forEach((id, service) -> {
            if (service.serving()) {
                serving.add(id);
            }
        });
        return serving;
    }

    @Override
    public void onApplied(int node, LogEntry entry, Object result) {
        TreeStateMachine.Applied applied = (TreeStateMachine.Applied) result;
        beforeApplied.accept(node, applied);
        byNode.get(node).applied(entry.zxid(), applied);
    }

    @Override
    public void onReadBarrier(int node, long token) {
        byNode.get(node).readBarrier(token);
    }

    @Override
    public void onReadBarrierRefused(int node, long token) {
        byNode.get(node).readBarrierRefused(token);
    }

    @Override
    public void onAppMessage(int node, AppMessage message) {
        byNode.get(node).appMessage(message);
    }
}
