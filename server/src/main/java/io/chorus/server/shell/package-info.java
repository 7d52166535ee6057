/** {@code chorus shell}: an interactive client in the spirit of zkCli, over Chorus's own client. */
package io.chorus.server.shell;
