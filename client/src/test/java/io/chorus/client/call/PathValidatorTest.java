package io.chorus.client.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.CreateMode;
import java.util.SplittableRandom;
import org.apache.zookeeper.common.PathUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathValidatorTest {
    /** Characters the generated paths are made of: the separators and dots the rules are about, and a few bad ones. */
    private static final char[] ALPHABET = {'/', '/', '.', '.', 'a', 'b', 'z', '0', '-', '\u0000', '\u0001',
        '\u001f', '\u007f', '\u009f', '\u00a0', '\ud800', '\uf8ff', '\uf900', '\ufff0', '\uffff', '\u00e9'};
    private static final int GENERATED_PATHS = 200_000;
    private static final int GENERATED_LENGTH_MAX = 8;

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/a/b", "/a.b", "/.a", "/..a", "/a..", "/...", "/zookeeper", "/é"})
    void acceptsWellFormedPaths(String path) {
        assertThatCode(() -> PathValidator.validate(path)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a/b", "/a/", "//", "/a//b", "/.", "/..", "/a/.", "/a/../b", "/a\u0000",
        "/\u0001", "/\u007f", "/\ud800", "/\ufff0"})
    void refusesMalformedPaths(String path) {
        assertThatThrownBy(() -> PathValidator.validate(path)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> PathValidator.validate(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Path cannot be null");
    }

    @Test
    void aSequentialCreateMayEndInASlash() {
        assertThatCode(() -> PathValidator.validateForCreate("/queue/", CreateMode.PERSISTENT_SEQUENTIAL))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> PathValidator.validateForCreate("/queue/", CreateMode.PERSISTENT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** ZooKeeper's own PathUtils is the oracle: both accept and refuse exactly the same strings. */
    @Test
    void agreesWithZooKeeperOnGeneratedPaths() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < GENERATED_PATHS; i++) {
            String path = generate(random);
            boolean zooKeeperAccepts = accepts(() -> PathUtils.validatePath(path));
            boolean weAccept = accepts(() -> PathValidator.validate(path));
            assertThat(weAccept).as("path %s (seed %d)", escape(path), seed).isEqualTo(zooKeeperAccepts);
        }
    }

    private static String generate(SplittableRandom random) {
        int length = random.nextInt(GENERATED_LENGTH_MAX + 1);
        StringBuilder path = new StringBuilder(random.nextInt(10) == 0 ? "" : "/");
        for (int i = 0; i < length; i++) {
            path.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return path.toString();
    }

    private static boolean accepts(Runnable validation) {
        try {
            validation.run();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String escape(String path) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : path.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.append('"').toString();
    }
}
