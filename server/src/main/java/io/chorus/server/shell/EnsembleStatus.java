package io.chorus.server.shell;

import io.chorus.server.cluster.FourLetterWord;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One line per server of a connect string: its role, epoch, last applied zxid and leader, from its {@code mntr}
 * answer, or why it did not answer. What an operator looks at to see who leads.
 */
public final class EnsembleStatus {
    static final Duration ASK_TIMEOUT = Duration.ofSeconds(2);

    private EnsembleStatus() {
    }

    public static List<String> describe(String connectString) {
        List<String> lines = new ArrayList<>();
        for (String server : connectString.split(",")) {
            String address = server.trim();
            int colon = address.lastIndexOf(':');
            if (colon <= 0) {
                lines.add(address + "  not host:port");
                continue;
            }
            String host = address.substring(0, colon);
            try {
                int port = Integer.parseInt(address.substring(colon + 1));
                lines.add(line(address, FourLetterWord.mntrValues(FourLetterWord.ask(host, port, "mntr", ASK_TIMEOUT))));
            } catch (NumberFormatException e) {
                lines.add(address + "  not host:port");
            } catch (IOException e) {
                lines.add(address + "  unreachable (" + e.getMessage() + ")");
            }
        }
        return lines;
    }

    private static String line(String address, Map<String, String> mntr) {
        String zxid = mntr.get("chorus_last_applied_zxid");
        return address + "  " + mntr.getOrDefault("zk_server_state", "?")
                + "  epoch " + mntr.getOrDefault("chorus_epoch", "?")
                + "  zxid " + (zxid == null ? "?" : "0x" + Long.toHexString(Long.parseLong(zxid)))
                + "  leader " + mntr.getOrDefault("chorus_leader_id", "?")
                + "  znodes " + mntr.getOrDefault("zk_znode_count", "?");
    }
}
