package io.chorus.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.api.spi.LeaderReadMode;
import io.chorus.experiments.run.ReadMode;
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
            assertThat(help.toString()).contains("--quick").contains("--out").contains("--seed")
                    .contains("--linearizable-reads");
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
    void linearizableReadsDefaultToBothForReadModesAndFailoverAndNoneForProtocols() {
        ExperimentCommand.ReadModes options = new ExperimentCommand.ReadModes();
        new CommandLine(options).parseArgs();
        assertThat(options.linearizableReads(LinearizableReads.BOTH)).isEqualTo(LinearizableReads.BOTH);
        assertThat(options.linearizableReads(null)).isNull();
        assertThat(options.commandLine("read-modes")).doesNotContain("--linearizable-reads");
        assertThat(ReadModesPlan.of(Scale.QUICK, 1).modes()).containsExactly(ReadMode.LOCAL, ReadMode.SYNC,
                ReadMode.LEADER, ReadMode.LINEARIZABLE, ReadMode.LINEARIZABLE_LEASE);
        assertThat(FailoverPlan.of(Scale.QUICK, 1).leaderReads()).containsExactly(LeaderReadMode.READ_INDEX,
                LeaderReadMode.LEASE);
        assertThat(ProtocolsPlan.of(Scale.QUICK, 1).modes()).containsExactly(ReadMode.LOCAL, ReadMode.SYNC);
    }

    @Test
    void linearizableReadsIsParsedIntoThePlansAndTheReproducingCommand() {
        ExperimentCommand.Failover options = new ExperimentCommand.Failover();
        new CommandLine(options).parseArgs("--linearizable-reads", "lease", "--quick");
        assertThat(options.linearizableReads(LinearizableReads.BOTH)).isEqualTo(LinearizableReads.LEASE);
        assertThat(options.commandLine("failover"))
                .isEqualTo("./chorus experiment failover --quick --linearizable-reads lease --seed 1 --out "
                        + "experiments-out");
        assertThat(FailoverPlan.of(Scale.QUICK, 1, LinearizableReads.LEASE).leaderReads())
                .containsExactly(LeaderReadMode.LEASE);
        assertThat(ReadModesPlan.of(Scale.QUICK, 1, LinearizableReads.READINDEX).modes())
                .containsExactly(ReadMode.LOCAL, ReadMode.SYNC, ReadMode.LEADER, ReadMode.LINEARIZABLE);
        assertThat(ProtocolsPlan.of(Scale.QUICK, 1, LinearizableReads.BOTH).modes()).containsExactly(ReadMode.LOCAL,
                ReadMode.SYNC, ReadMode.LINEARIZABLE, ReadMode.LINEARIZABLE_LEASE);
    }

    @Test
    void anUnknownWayOfConfirmingReadsIsRefused() {
        CommandLine line = new CommandLine(new ExperimentCommand());
        StringWriter err = new StringWriter();
        line.setErr(new PrintWriter(err));
        assertThat(line.execute("read-modes", "--linearizable-reads", "quorum")).isNotZero();
        assertThat(err.toString()).contains("readindex, lease or both");
    }

    @Test
    void theLauncherFindsTheSubcommand() {
        assertThat(new ExperimentSubcommand().name()).isEqualTo("experiment");
        assertThat(new ExperimentSubcommand().command()).isInstanceOf(ExperimentCommand.class);
    }
}
