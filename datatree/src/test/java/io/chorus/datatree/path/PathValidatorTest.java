package io.chorus.datatree.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.api.ChorusException;
import io.chorus.api.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathValidatorTest {
    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/a/b", "/a.b", "/a..", "/...", "/.a", "/a/.b/..c", "/caf\u00e9", "/\u4e2d",
        "/a b", "/-", "/0000000001", "/\u00a0", "/\uf900"})
    void acceptsZooKeeperPaths(String path) {
        assertThat(PathValidator.isValid(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a/b", "/a/", "//", "/a//b", "/.", "/..", "/a/.", "/a/..", "/./a", "/../a", "/a\u0000",
        "/\u0001", "/\u001f", "/\u007f", "/\u009f", "/\ud800", "/\udfff", "/\ue000", "/\uf8ff", "/\ufff0", "/\uffff"})
    void rejectsWhatZooKeeperRejects(String path) {
        assertThat(PathValidator.isValid(path)).isFalse();
        assertThatThrownBy(() -> PathValidator.validate(path))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.code()).isEqualTo(Code.BADARGUMENTS));
    }

    @Test
    void nullIsInvalid() {
        assertThat(PathValidator.whyInvalid(null)).isEqualTo("path is null");
    }

    @Test
    void sequentialPrefixIsCheckedWithADigitAppended() throws ChorusException {
        PathValidator.validate("/a/", true);
        PathValidator.validate("/", true);
        assertThatThrownBy(() -> PathValidator.validate("/a//", true)).isInstanceOf(ChorusException.class);
        assertThatThrownBy(() -> PathValidator.validate("/a/", false)).isInstanceOf(ChorusException.class);
    }

    @Test
    void reasonNamesTheProblemAndItsIndex() {
        assertThat(PathValidator.whyInvalid("/a//b")).isEqualTo("empty node name at index 3");
    }

    @Test
    void parentOfAPath() {
        assertThat(PathValidator.parent("/a/b/c")).isEqualTo("/a/b");
        assertThat(PathValidator.parent("/a")).isEqualTo("/");
        assertThatThrownBy(() -> PathValidator.parent("/")).isInstanceOf(IllegalArgumentException.class);
    }
}
