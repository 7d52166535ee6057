package io.chorus.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A markdown table with padded columns: the leading text columns left-aligned, the figures right-aligned. */
public final class MarkdownTable {
    private final List<String> header;
    private final int textColumns;
    private final List<List<String>> rows = new ArrayList<>();

    public MarkdownTable(List<String> header, int textColumns) {
        if (header.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        if (textColumns < 0 || textColumns > header.size()) {
            throw new IllegalArgumentException("textColumns " + textColumns + " of " + header.size());
        }
        this.header = List.copyOf(header);
        this.textColumns = textColumns;
    }

    public MarkdownTable row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, header " + header.size());
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    public String render() {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = Math.max(3, header.get(c).length());
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, widths);
        List<String> rule = new ArrayList<>();
        for (int c = 0; c < widths.length; c++) {
            String dashes = String.join("", Collections.nCopies(widths[c] - 1, "-"));
            rule.add(c < textColumns ? dashes + "-" : dashes + ":");
        }
        line(out, rule, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    private void line(StringBuilder out, List<String> cells, int[] widths) {
        out.append('|');
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            out.append(' ').append(c < textColumns ? cell + pad : pad + cell).append(" |");
        }
        out.append('\n');
    }
}
