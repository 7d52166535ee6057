package io.chorus.testkit.check;

/** A property of a whole history. Pure: the same history always gets the same result. */
public interface Checker {
    String name();

    CheckResult check(History history);
}
