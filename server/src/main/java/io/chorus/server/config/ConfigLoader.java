package io.chorus.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a zoo.cfg-style file onto a {@link ServerConfig.Builder}: ZooKeeper's keys where the meaning
 * matches, Chorus's own where it has no equivalent. A value that does not parse, or a key that names
 * something this node cannot do, is refused with a message naming the key; an unknown key is logged
 * and ignored, as ZooKeeper does.
 */
public final class ConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    private static final Map<String, BiConsumer<ServerConfig.Builder, String>> KEYS = Map.ofEntries(
            Map.entry("tickTime", (b, v) -> b.tickTimeMillis = integer("tickTime", v)),
            Map.entry("dataDir", (b, v) -> b.dataDir = Path.of(v)),
            Map.entry("dataLogDir", (b, v) -> b.dataLogDir = Path.of(v)),
            Map.entry("clientPort", (b, v) -> b.clientPort = integer("clientPort", v)),
            Map.entry("clientPortAddress", (b, v) -> b.clientBindAddress = v),
            Map.entry("minSessionTimeout", (b, v) -> b.minSessionTimeoutMillis = integer("minSessionTimeout", v)),
            Map.entry("maxSessionTimeout", (b, v) -> b.maxSessionTimeoutMillis = integer("maxSessionTimeout", v)),
            Map.entry("maxClientCnxns", (b, v) -> b.maxClientConnectionsPerAddress = integer("maxClientCnxns", v)),
            Map.entry("jute.maxbuffer", (b, v) -> b.maxPacketBytes = integer("jute.maxbuffer", v)),
            Map.entry("maxOutstandingRequestsPerConnection",
                    (b, v) -> b.maxOutstandingRequestsPerConnection = integer("maxOutstandingRequestsPerConnection", v)),
            Map.entry("extendedTypesEnabled", (b, v) -> b.extendedTypesEnabled = bool("extendedTypesEnabled", v)),
            Map.entry("zookeeper.extendedTypesEnabled",
                    (b, v) -> b.extendedTypesEnabled = bool("zookeeper.extendedTypesEnabled", v)),
            Map.entry("superDigest", (b, v) -> b.superDigest = v),
            Map.entry("snapCount", (b, v) -> b.snapshotEveryTxns = integer("snapCount", v)),
            Map.entry("autopurge.snapRetainCount",
                    (b, v) -> b.snapshotRetainCount = integer("autopurge.snapRetainCount", v)),
            Map.entry("forceSync", (b, v) -> requireForceSync(bool("forceSync", v))),
            Map.entry("znode.container.checkIntervalMs",
                    (b, v) -> b.containerCheckIntervalMillis = integer("znode.container.checkIntervalMs", v)));

    private ConfigLoader() {
    }

    /** Applies the file's keys onto {@code builder}. */
    public static ServerConfig.Builder load(Path file, ServerConfig.Builder builder) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException("config", file, "cannot be read: " + e.getMessage());
        }
        return apply(props, builder);
    }

    static ServerConfig.Builder apply(Properties props, ServerConfig.Builder builder) {
        for (String key : props.stringPropertyNames()) {
            String value = props.getProperty(key).trim();
            BiConsumer<ServerConfig.Builder, String> setter = KEYS.get(key);
            if (setter != null) {
                setter.accept(builder, value);
            } else if (key.startsWith("server.")) {
                throw new ConfigException(key, value, "ensembles are not supported by this version: "
                        + "remove the server.N lines to run standalone");
            } else {
                LOG.warn("Ignoring unknown configuration key {}", key);
            }
        }
        return builder;
    }

    /** Chorus acknowledges only what is fsynced; a switch to turn that off would be a lie. */
    private static void requireForceSync(boolean forceSync) {
        if (!forceSync) {
            throw new ConfigException("forceSync", "no", "Chorus always fsyncs the log before acknowledging");
        }
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "is not a whole number");
        }
    }

    private static boolean bool(String key, String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new ConfigException(key, value, "must be yes/no or true/false");
        };
    }
}
