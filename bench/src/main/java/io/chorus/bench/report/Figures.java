package io.chorus.bench.report;

import java.util.Locale;

/** How numbers appear in reports: grouped integers, and ratios to two decimals. */
final class Figures {
    static final String NONE = "-";

    private Figures() {
    }

    static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String decimal(double value) {
        return String.format(Locale.ROOT, "%,.1f", value);
    }

    /** {@code second / first}, or "-" when it has no meaning (a missing or zero baseline). */
    static String ratio(double first, double second) {
        if (first <= 0 || second < 0 || Double.isNaN(first) || Double.isNaN(second)) {
            return NONE;
        }
        return String.format(Locale.ROOT, "%.2f", second / first);
    }
}
