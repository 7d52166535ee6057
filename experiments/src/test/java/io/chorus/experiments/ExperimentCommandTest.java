package io.chorus.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExperimentCommandTest {
    @Test
    void eachExperimentIsASubcommandWithTheCommonOptions() {
        CommandLine line = new CommandLine(new ExperimentCommand());
        assertThat(line.getSubcommands()).containsKeys("read-modes", "failover", "protocols", "all");
        for (String name : line.getSubcommands().keySet()) {
            StringWriter help = new StringWriter();
            line.setOut(new PrintWriter(help));
            assertThat(line.execute(name, "--help")).isZero();
            assertThat(help.toString()).contains("--quick").contains("--out").contains("--seed");
        }
    }

    @Test
    void theReportNamesTheCommandThatReproducesIt() {
        ExperimentCommand.ReadModes options = new ExperimentCommand.ReadModes();
        new CommandLine(options).parseArgs("--quick", "--seed", "7", "--out", "/tmp/x");
        assertThat(options.commandLine("read-modes"))
                .isEqualTo("./chorus experiment read-modes --quick --seed 7 --out /tmp/x");
    }

    @Test
    void theLauncherFindsTheSubcommand() {
        assertThat(new ExperimentSubcommand().name()).isEqualTo("experiment");
        assertThat(new ExperimentSubcommand().command()).isInstanceOf(ExperimentCommand.class);
    }
}
