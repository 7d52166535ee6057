package io.chorus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.bench.process.StartedServer;
import io.chorus.server.cli.SubcommandProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bench(String... args) {
        CommandLine command = new CommandLine(new BenchCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void theLauncherFindsTheBenchSubcommand() {
        SubcommandProvider provider = ServiceLoader.load(SubcommandProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("bench"))
                .findFirst().orElseThrow();
        CommandLine command = new CommandLine(provider.command());
        assertThat(command.getCommandName()).isEqualTo("bench");
        assertThat(command.getCommandSpec().optionsMap()).containsKeys("--compare", "--target", "--workload",
                "--sessions", "--in-flight", "--value-bytes", "--warmup-seconds", "--seconds", "--nodes", "--znodes", "--failovers", "--heap",
                "--protocols");
    }

    @Test
    void refusesATargetOffLoopbackBeforeSendingAnything() {
        assertThat(bench("--target", "10.1.2.3:2181", "--seconds", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("not a loopback address");
    }

    @Test
    void refusesOptionsPastTheirBoundsByName() {
        assertThat(bench("--target", "127.0.0.1:1", "--sessions", "51")).isEqualTo(2);
        assertThat(err.toString()).contains("sessions must be within 1..50");
        assertThat(bench("--target", "127.0.0.1:1", "--value-bytes", "1000001")).isEqualTo(2);
        assertThat(err.toString()).contains("value-bytes must be within 0..1000000");
        assertThat(bench("--workload", "tree", "--znodes", "20000001")).isEqualTo(2);
        assertThat(err.toString()).contains("znodes must be within 1..20000000");
        assertThat(bench("--heap", "lots")).isEqualTo(2);
        assertThat(err.toString()).contains("512m or 2g");
    }

    @Test
    void refusesAValueModeOtherThanSameOrDistinct() {
        assertThat(bench("--workload", "tree", "--values", "random")).isEqualTo(2);
        assertThat(err.toString()).contains("values must be same or distinct, got 'random'");
    }

    @Test
    void refusesAClientTransportOtherThanNioOrNetty() {
        assertThat(bench("--workload", "tree", "--client-transport", "epoll")).isEqualTo(2);
        assertThat(err.toString()).contains("client transport must be nio or netty, got 'epoll'");
    }

    @Test
    void refusesCombinationsThatMeanNothing() {
        assertThat(bench("--target", "127.0.0.1:1", "--compare", "zookeeper")).isEqualTo(2);
        assertThat(err.toString()).contains("--compare none");
        assertThat(bench("--target", "127.0.0.1:1", "--workload", "tree")).isEqualTo(2);
        assertThat(err.toString()).contains("cannot use --target");
        assertThat(bench("--nodes", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("--nodes must be 1 (standalone) or 3..9");
        assertThat(bench("--nodes", "3", "--target", "127.0.0.1:1", "--compare", "none")).isEqualTo(2);
        assertThat(err.toString()).contains("--nodes starts its own ensembles");
        assertThat(bench("--nodes", "3", "--workload", "tree")).isEqualTo(2);
        assertThat(err.toString()).contains("its size is --znodes");
        assertThat(bench("--workload", "failover")).isEqualTo(2);
        assertThat(err.toString()).contains("needs --nodes 3 or more");
        assertThat(bench("--nodes", "3", "--failovers", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--failovers must be within 1..1000");
        assertThat(bench("--nodes", "3", "--protocols", "zab,raft")).isEqualTo(2);
        assertThat(err.toString()).contains("--protocols: raft is not a protocol; supported: zab, paxos-lite");
        assertThat(bench("--nodes", "3", "--protocols", "zab,zab")).isEqualTo(2);
        assertThat(err.toString()).contains("names a protocol twice");
        assertThat(bench("--protocols", "paxos-lite")).isEqualTo(2);
        assertThat(err.toString()).contains("--protocols chooses the ensembles' consensus protocol");
        assertThat(bench("--workload", "scan")).isEqualTo(2);
        assertThat(err.toString()).contains("--workload");
    }

    @Test
    void loadsARunningTargetAndPrintsAMarkdownTable() {
        try (StartedServer zooKeeper = StartedServer.zooKeeper()) {
            int exit = bench("--target", zooKeeper.connectString(), "--workload", "mixed", "--sessions", "2",
                    "--in-flight", "2", "--client-transport", "netty", "--keys", "20", "--warmup-seconds", "0",
                    "--seconds", "1");

            assertThat(exit).as(err.toString()).isZero();
        }
        String table = out.toString();
        assertThat(table).contains("## Load: 2 sessions x 2 in flight (netty client socket)",
                "| mixed    | throughput (ops/s) |", "target 127.0.0.1:");
        assertThat(table).doesNotContain("failed");
        assertThat(err.toString()).contains("mixed:");
    }

    @Test
    void anUnreachableTargetIsAFailureInTheReportNotACrash() {
        int port = io.chorus.bench.process.Loopback.freePort();
        assertThat(bench("--target", "127.0.0.1:" + port, "--seconds", "1")).isEqualTo(1);
        assertThat(out.toString()).contains("target 127.0.0.1:" + port + " failed: ");
    }
}
