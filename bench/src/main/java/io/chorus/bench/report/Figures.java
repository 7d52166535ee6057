package io.chorus.bench.report;

import java.util.ArrayList;
import java.util.List;
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

    /** The ratio columns' headers: every later server over every earlier one ("B / A", then "C / A", "C / B"). */
    static List<String> ratioHeaders(List<String> servers) {
        List<String> headers = new ArrayList<>();
        for (int first = 0; first < servers.size(); first++) {
            for (int second = first + 1; second < servers.size(); second++) {
                headers.add(servers.get(second) + " / " + servers.get(first));
            }
        }
        return headers;
    }

    /** The ratios of {@code values} (one per server) in the order of {@link #ratioHeaders}. */
    static List<String> ratios(List<Double> values) {
        List<String> ratios = new ArrayList<>();
        for (int first = 0; first < values.size(); first++) {
            for (int second = first + 1; second < values.size(); second++) {
                ratios.add(ratio(values.get(first), values.get(second)));
            }
        }
        return ratios;
    }
}
