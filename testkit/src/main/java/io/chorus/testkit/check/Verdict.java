package io.chorus.testkit.check;

/** A checker's answer. INCONCLUSIVE is never a pass: the search ran out of budget. */
public enum Verdict {
    PASS,
    FAIL,
    INCONCLUSIVE
}
