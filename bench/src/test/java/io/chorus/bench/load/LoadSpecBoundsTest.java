package io.chorus.bench.load;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.bench.process.ClientTransport;
import org.junit.jupiter.api.Test;

class LoadSpecBoundsTest {
    private static LoadSpec spec(int sessions, int inFlight, int valueBytes, int keys, long warmup, long measured,
            long requests) {
        return new LoadSpec(sessions, inFlight, valueBytes, keys, warmup, measured, requests, ClientTransport.NIO);
    }

    @Test
    void everyBoundItselfIsAccepted() {
        assertThatCode(() -> spec(LoadSpec.SESSIONS_MAX, LoadSpec.IN_FLIGHT_PER_SESSION_MAX, LoadSpec.VALUE_BYTES_MAX,
                LoadSpec.KEY_COUNT_MAX, LoadSpec.WARMUP_MILLIS_MAX, LoadSpec.MEASURED_MILLIS_MAX,
                LoadSpec.REQUESTS_MAX_LIMIT)).doesNotThrowAnyException();
        assertThatCode(() -> spec(1, 1, 0, 1, 0, 1, 1)).doesNotThrowAnyException();
    }

    @Test
    void oneBeyondEachBoundIsRefusedByName() {
        assertThatThrownBy(() -> spec(LoadSpec.SESSIONS_MAX + 1, 1, 1, 1, 0, 1, 1)).hasMessageContaining("sessions");
        assertThatThrownBy(() -> spec(0, 1, 1, 1, 0, 1, 1)).hasMessageContaining("sessions");
        assertThatThrownBy(() -> spec(1, LoadSpec.IN_FLIGHT_PER_SESSION_MAX + 1, 1, 1, 0, 1, 1))
                .hasMessageContaining("in-flight");
        assertThatThrownBy(() -> spec(1, 1, LoadSpec.VALUE_BYTES_MAX + 1, 1, 0, 1, 1))
                .hasMessageContaining("value-bytes");
        assertThatThrownBy(() -> spec(1, 1, -1, 1, 0, 1, 1)).hasMessageContaining("value-bytes");
        assertThatThrownBy(() -> spec(1, 1, 1, LoadSpec.KEY_COUNT_MAX + 1, 0, 1, 1)).hasMessageContaining("keys");
        assertThatThrownBy(() -> spec(1, 1, 1, 1, LoadSpec.WARMUP_MILLIS_MAX + 1, 1, 1)).hasMessageContaining("warm-up");
        assertThatThrownBy(() -> spec(1, 1, 1, 1, 0, LoadSpec.MEASURED_MILLIS_MAX + 1, 1)).hasMessageContaining("measured");
        assertThatThrownBy(() -> spec(1, 1, 1, 1, 0, 0, 1)).hasMessageContaining("measured");
        assertThatThrownBy(() -> spec(1, 1, 1, 1, 0, 1, LoadSpec.REQUESTS_MAX_LIMIT + 1)).hasMessageContaining("max-requests");
        assertThatThrownBy(() -> spec(1, 1, 1, 1, 0, 1, 0)).hasMessageContaining("max-requests");
        assertThatThrownBy(() -> new LoadSpec(1, 1, 1, 1, 0, 1, 1, null)).hasMessageContaining("client transport");
    }
}
