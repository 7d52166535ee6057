package io.chorus.server.cli;

/**
 * A subcommand of {@code ./chorus} contributed by a module further up the dependency chain (bench,
 * experiments), found with {@link java.util.ServiceLoader} so that the server does not depend on them.
 */
public interface SubcommandProvider {
    /** The subcommand's name on the command line. */
    String name();

    /** A fresh picocli {@code @Command}-annotated object implementing {@code Callable<Integer>}. */
    Object command();
}
