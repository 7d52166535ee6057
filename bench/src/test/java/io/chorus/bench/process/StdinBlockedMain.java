package io.chorus.bench.process;

import java.io.IOException;

/** A child process for tests: runs until its stdin closes, which only happens if someone kills it. */
public final class StdinBlockedMain {
    private StdinBlockedMain() {
    }

    public static void main(String[] args) throws IOException {
        while (System.in.read() != -1) {
            // Consume whatever arrives; the test never writes.
        }
    }
}
