package io.chorus.server.net;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a connection beyond {@code maxConnectionsPerAddress} from one client address, closing it with
 * a logged reason as ZooKeeper does for maxClientCnxns; the address's other connections carry on.
 */
@ChannelHandler.Sharable
public final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimitHandler.class);
    private static final AttributeKey<Boolean> COUNTED = AttributeKey.valueOf("chorus.counted");

    private final int maxConnectionsPerAddress;
    private final ConcurrentHashMap<InetAddress, Integer> connections = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger total = new java.util.concurrent.atomic.AtomicInteger();

    /** {@code maxConnectionsPerAddress} 0 means no limit. */
    public ConnectionLimitHandler(int maxConnectionsPerAddress) {
        this.maxConnectionsPerAddress = maxConnectionsPerAddress;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetAddress address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        int count = connections.merge(address, 1, Integer::sum);
        ctx.channel().attr(COUNTED).set(Boolean.TRUE);
        total.incrementAndGet();
        if (maxConnectionsPerAddress > 0 && count > maxConnectionsPerAddress) {
            LOG.warn("Too many connections from {} - max is {}: closing the new one", address,
                    maxConnectionsPerAddress);
            ctx.close();
            return;
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().attr(COUNTED).getAndSet(null) != null) {
            InetAddress address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
            connections.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
            total.decrementAndGet();
        }
        super.channelInactive(ctx);
    }

    /** Open connections from every address. */
    public int connections() {
        return total.get();
    }
}
