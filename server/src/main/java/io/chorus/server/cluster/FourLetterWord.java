package io.chorus.server.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Asks a server one of ZooKeeper's four-letter words ({@code ruok}, {@code srvr}, ...) on a fresh connection. */
public final class FourLetterWord {
    /** Longest answer read; {@code mntr} and {@code srvr} are a few hundred bytes. */
    static final int ANSWER_BYTES_MAX = 64 * 1024;

    private FourLetterWord() {
    }

    /** The server's whole answer (it closes the connection after answering). */
    public static String ask(String host, int port, String word, Duration timeout) throws IOException {
        if (word.length() != 4) {
            throw new IllegalArgumentException("a four-letter word, not '" + word + "'");
        }
        int timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(ANSWER_BYTES_MAX);
            return new String(answer, StandardCharsets.UTF_8);
        }
    }

    /** The key-value lines of an {@code mntr} answer ({@code key<TAB>value}), as a map. */
    public static Map<String, String> mntrValues(String mntr) {
        Map<String, String> values = new HashMap<>();
        for (String line : mntr.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                values.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return values;
    }
}
