package io.chorus.server.config;

import java.util.Objects;

/**
 * One ensemble member as zoo.cfg names it: {@code server.<id>=<host>:<quorumPort>:<electionPort>[;<clientPort>]}.
 *
 * @param clientPort the member's client port when the line gives one, else -1
 */
public record PeerAddress(int id, String host, int quorumPort, int electionPort, int clientPort) {
    public PeerAddress {
        Objects.requireNonNull(host, "host");
    }
}
