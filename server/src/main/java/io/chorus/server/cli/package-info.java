/** The {@code ./chorus} command line (picocli); other modules add subcommands through a ServiceLoader. */
package io.chorus.server.cli;
