package io.chorus.bench.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Asks a server for ZooKeeper's {@code mntr} four-letter word on its client port and parses the answer:
 * one {@code key<TAB>value} line per figure. Stock ZooKeeper answers only when {@code mntr} is in its
 * {@code 4lw.commands.whitelist}; Chorus always does.
 */
public final class MntrProbe {
    /** How long connecting and each read may take on loopback. */
    static final int TIMEOUT_MILLIS = 5_000;
    /** An answer longer than this is not an mntr answer (ZooKeeper's is a few KiB). */
    static final int ANSWER_BYTES_MAX = 64 * 1024;

    private MntrProbe() {
    }

    /** The figures the server at {@code address} reports, in its order. */
    public static Map<String, String> query(InetSocketAddress address) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write("mntr".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return parse(readAnswer(socket.getInputStream()));
        }
    }

    /**
     * The {@code key -> value} pairs of an mntr answer, in order.
     *
     * @throws IOException when a line is not {@code key<TAB>value} or a key repeats (quoting the line), as
     *                     when a server refuses the word with a sentence instead
     */
    public static Map<String, String> parse(String answer) throws IOException {
        Map<String, String> figures = new LinkedHashMap<>();
        for (String line : answer.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab <= 0 || line.indexOf('\t', tab + 1) >= 0) {
                throw new IOException("not an mntr line: \"" + line + "\"");
            }
            if (figures.put(line.substring(0, tab), line.substring(tab + 1)) != null) {
                throw new IOException("mntr repeats " + line.substring(0, tab));
            }
        }
        return figures;
    }

    /** The figure {@code key} as a number; empty when the answer does not have it. */
    public static OptionalLong number(Map<String, String> figures, String key) throws IOException {
        String value = figures.get(key);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new IOException("mntr " + key + " is not a number: \"" + value + "\"", e);
        }
    }

    private static String readAnswer(InputStream in) throws IOException {
        byte[] answer = in.readNBytes(ANSWER_BYTES_MAX + 1);
        if (answer.length > ANSWER_BYTES_MAX) {
            throw new IOException("mntr answer longer than " + ANSWER_BYTES_MAX + " bytes");
        }
        return new String(answer, StandardCharsets.UTF_8);
    }
}
