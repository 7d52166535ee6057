package io.chorus.server.config;

import io.chorus.api.ReadConsistency;
import io.chorus.api.spi.LeaderReadMode;

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
                    (b, v) -> b.containerCheckIntervalMillis = integer("znode.container.checkIntervalMs", v)),
            Map.entry("initLimit", (b, v) -> b.initLimitTicks = integer("initLimit", v)),
            Map.entry("syncLimit", (b, v) -> b.syncLimitTicks = integer("syncLimit", v)),
            Map.entry("electionFinalizeWaitMillis",
                    (b, v) -> b.electionFinalizeWaitMillis = integer("electionFinalizeWaitMillis", v)),
            Map.entry("protocol", (b, v) -> b.protocol = protocol(v)),
            Map.entry("readConsistency", (b, v) -> b.readConsistency = readConsistency(v)),
            Map.entry("linearizableReads", (b, v) -> b.linearizableReads = linearizableReads(v)),
            Map.entry("leaseClockDriftMillis",
                    (b, v) -> b.leaseClockDriftMillis = integer("leaseClockDriftMillis", v)),
            Map.entry("quorumListenOnAllIPs", (b, v) -> b.quorumListenOnAllIPs = bool("quorumListenOnAllIPs", v)));

    private static final String SERVER_PREFIX = "server.";

    private ConfigLoader() {
    }

    /** Applies the file's keys onto {@code builder}. */
    public static ServerConfig.Builder load(Path file, ServerConfig.Builder builder) {
        Properties props = new ServerLinesOnce();
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
            } else if (key.startsWith(SERVER_PREFIX)) {
                builder.servers.add(serverLine(key, value));
            } else {
                LOG.warn("Ignoring unknown configuration key {}", key);
            }
        }
        return builder;
    }

    /**
     * {@code server.<id>=<host>:<quorumPort>:<electionPort>[:participant][;<clientPort>]}, the host a name,
     * an IPv4 address or a bracketed IPv6 address. Range and uniqueness checks happen when the config is built.
     */
    static PeerAddress serverLine(String key, String value) {
        int id = integer(key, key.substring(SERVER_PREFIX.length()));
        String quorumPart = value;
        int clientPort = -1;
        int semicolon = value.indexOf(';');
        if (semicolon >= 0) {
            quorumPart = value.substring(0, semicolon).trim();
            String client = value.substring(semicolon + 1).trim();
            if (client.contains(":")) {
                throw new ConfigException(key, value, "the part after ';' must be a client port number "
                        + "(set the address the client port binds with clientPortAddress)");
            }
            clientPort = integer(key, client);
        }
        String host;
        String rest;
        if (quorumPart.startsWith("[")) {
            int close = quorumPart.indexOf(']');
            ConfigException.check(close > 0 && quorumPart.startsWith(":", close + 1), key, value,
                    "an IPv6 host must look like [::1]:2888:3888");
            host = quorumPart.substring(1, close);
            rest = quorumPart.substring(close + 2);
        } else {
            int colon = quorumPart.indexOf(':');
            ConfigException.check(colon > 0, key, value, "must look like host:quorumPort:electionPort[;clientPort]");
            host = quorumPart.substring(0, colon);
            rest = quorumPart.substring(colon + 1);
        }
        String[] parts = rest.split(":", -1);
        ConfigException.check(parts.length == 2 || parts.length == 3, key, value,
                "must look like host:quorumPort:electionPort[;clientPort]");
        if (parts.length == 3) {
            String role = parts[2].trim().toLowerCase(java.util.Locale.ROOT);
            ConfigException.check(!role.equals("observer"), key, value, "observers are not supported");
            ConfigException.check(role.equals("participant"), key, value,
                    "the role after the election port must be participant (observers are not supported)");
        }
        return new PeerAddress(id, host.trim(), integer(key, parts[0].trim()), integer(key, parts[1].trim()),
                clientPort);
    }

    private static ReadConsistency readConsistency(String value) {
        for (ReadConsistency c : ReadConsistency.values()) {
            if (c.name().equalsIgnoreCase(value)) {
                return c;
            }
        }
        throw new ConfigException("readConsistency", value, "must be one of local, sync, leader, linearizable");
    }

    private static LeaderReadMode linearizableReads(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "readindex", "read_index", "quorum" -> LeaderReadMode.READ_INDEX;
            case "lease" -> LeaderReadMode.LEASE;
            default -> throw new ConfigException("linearizableReads", value, "must be readindex or lease");
        };
    }

    private static String protocol(String value) {
        ConfigException.check(EnsembleConfig.SUPPORTED_PROTOCOLS.contains(value), "protocol", value,
                "is not supported; supported: " + String.join(", ", EnsembleConfig.SUPPORTED_PROTOCOLS));
        return value;
    }

    /**
     * Properties keeps the last of two lines with the same key; for a server line that would silently drop a
     * member, so a repeated {@code server.N} key is refused.
     */
    private static final class ServerLinesOnce extends Properties {
        @Override
        public synchronized Object put(Object key, Object value) {
            Object previous = super.put(key, value);
            if (previous != null && key instanceof String name && name.startsWith(SERVER_PREFIX)) {
                throw new ConfigException(name, value, "duplicate server id (the line appears twice)");
            }
            return previous;
        }
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
