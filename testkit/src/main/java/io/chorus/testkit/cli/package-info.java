/** {@code ./chorus sim}: the simulator on the command line, contributed to the launcher as a subcommand. */
package io.chorus.testkit.cli;
