package io.chorus.testkit.check;

import java.util.List;

/**
 * One checker's answer with its evidence.
 *
 * @param checker  the checker's name
 * @param verdict  pass, fail or inconclusive
 * @param problems one readable paragraph per violation (or per undecided part when inconclusive):
 *                 which operations or facts, and why they break the property
 * @param notes    what the checker skipped or could not judge, for the record; never a failure
 */
public record CheckResult(String checker, Verdict verdict, List<String> problems, List<String> notes) {
    public CheckResult {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** PASS when there are no problems, FAIL otherwise. */
    static CheckResult of(String checker, List<String> problems) {
        return new CheckResult(checker, problems.isEmpty() ? Verdict.PASS : Verdict.FAIL, problems, List.of());
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }

    public boolean failed() {
        return verdict == Verdict.FAIL;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(checker).append(": ").append(verdict);
        for (String p : problems) {
            b.append("\n  - ").append(p.replace("\n", "\n    "));
        }
        for (String n : notes) {
            b.append("\n  (note) ").append(n);
        }
        return b.toString();
    }
}
