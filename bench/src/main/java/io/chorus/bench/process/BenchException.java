package io.chorus.bench.process;

/** A benchmark could not do what it was asked; the message says what and, where it helps, why. */
public class BenchException extends RuntimeException {
    public BenchException(String message) {
        super(message);
    }

    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
