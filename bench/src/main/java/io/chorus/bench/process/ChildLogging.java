package io.chorus.bench.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The logback configuration every child server runs with: warnings and errors to its console, which the
 * bench sends to a log file. Both servers log the same little, so logging costs neither of them throughput.
 */
final class ChildLogging {
    static final String FILE_NAME = "logback-child.xml";

    private static final String CONFIG = """
            <configuration>
              <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <root level="WARN"><appender-ref ref="CONSOLE"/></root>
            </configuration>
            """;

    private ChildLogging() {
    }

    /** Writes the configuration into {@code dir} (once) and returns the JVM flag that selects it. */
    static String jvmFlag(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            Files.writeString(file, CONFIG, StandardCharsets.UTF_8);
        }
        return "-Dlogback.configurationFile=" + file.toAbsolutePath();
    }
}
