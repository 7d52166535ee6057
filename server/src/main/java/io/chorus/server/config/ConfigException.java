package io.chorus.server.config;

/** A configuration value was refused; the message names the key, the value and why. */
public final class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, Object value, String reason) {
        super("invalid configuration " + key + "=" + value + ": " + reason);
        this.key = key;
    }

    public String key() {
        return key;
    }

    static void check(boolean ok, String key, Object value, String reason) {
        if (!ok) {
            throw new ConfigException(key, value, reason);
        }
    }
}
