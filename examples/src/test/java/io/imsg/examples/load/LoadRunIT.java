package io.imsg.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.examples.cli.ImsgCli;
import io.imsg.examples.load.LoadRun.Scenario;
import io.imsg.examples.load.LoadRun.Target;
import io.imsg.testkit.ImsgKafkaTest;
import io.imsg.testkit.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Load runs on the real broker: every message accounted for, and iMSG's meters agreeing with the run. */
@ImsgKafkaTest
class LoadRunIT {

    @Test
    void micrometerCountsAgreeWithTheRunsOwnCountsIncludingRetriesAndDeadLetters(KafkaBroker broker) {
        LoadSettings settings = LoadSettings.ofDefaults().withMessages(3_000);
        settings = new LoadSettings(settings.messages(), 0, 256, 3, 500, Work.none(), new Faults(5, 2),
                settings.ordering(), 8, settings.producerProperties(), settings.consumerProperties(),
                Duration.ofSeconds(90), false);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        Set<String> before = loadTopics(broker);

        RunResult result;
        try (LoadCluster cluster = LoadCluster.start(Optional.of(broker.bootstrapServers()))) {
            result = new LoadRun(cluster, null).run(Target.IMSG, Scenario.E2E, settings, registry);
        }

        awaitLoadTopics(broker, before); // the run's topic, its lane and its dead-letter topic are gone
        assertThat(result.handled()).isEqualTo(3_000);
        assertThat(result.deadLetters()).isEqualTo(settings.faults().deadLetterCount(3_000)).isPositive();
        assertThat(result.failedAttempts()).isPositive();
        assertThat(result.meterChecks()).hasSize(5).allSatisfy(check -> assertThat(check.agrees()).as(check.toString())
                .isTrue());
        assertThat(result.latency().count()).isEqualTo(3_000 - result.deadLetters());
        assertThat(result.outOfKeyOrder()).as("500 keys on 8 workers, with in-process retries").isZero();
        assertThat(result.passed()).isTrue();
    }

    @Test
    void theRawBaselineDrainsEveryPreProducedRecord(KafkaBroker broker) {
        LoadSettings defaults = LoadSettings.ofDefaults();
        LoadSettings settings = new LoadSettings(5_000, 0, 512, 6, 1_000, Work.none(), Faults.none(), defaults.ordering(),
                1, defaults.producerProperties(), defaults.consumerProperties(), Duration.ofSeconds(90),
                false);

        Set<String> before = loadTopics(broker);

        RunResult result;
        try (LoadCluster cluster = LoadCluster.start(Optional.of(broker.bootstrapServers()))) {
            result = new LoadRun(cluster, null, true).run(Target.RAW, Scenario.DRAIN, settings);
        }

        Set<String> kept = loadTopics(broker);
        kept.removeAll(before);
        assertThat(kept).as("--keep-topics leaves the run's topic").singleElement().asString().startsWith("load-raw-");
        assertThat(result.sendFailures()).isZero();
        assertThat(result.handled()).isEqualTo(5_000);
        assertThat(result.duplicates()).isZero();
        assertThat(result.outOfKeyOrder()).isZero();
        assertThat(result.meterChecks()).isEmpty();
        assertThat(result.throughput()).isPositive();
    }

    @Test
    void imsgLoadComparesWithRawAndWritesJsonAndAnHtmlPlot(KafkaBroker broker, @TempDir Path out) throws Exception {
        var cli = ImsgCli.commandLine();
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        cli.setOut(new PrintWriter(stdout)).setErr(new PrintWriter(stderr));

        Set<String> before = loadTopics(broker);

        int exit = cli.execute("load", "--bootstrap-servers", broker.bootstrapServers(), "--messages", "2000",
                "--compare", "raw", "--no-progress", "--out", out.toString());

        awaitLoadTopics(broker, before);

        assertThat(exit).as("stdout:%n%s%nstderr:%n%s", stdout, stderr).isZero();
        assertThat(stdout.toString()).contains("round 1 raw", "round 1 imsg", "imsg/raw throughput",
                "Micrometer vs the run's own counts: agree");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .anyMatch(name -> name.endsWith(".json")).anyMatch(name -> name.endsWith(".html"));
        }
        Path html;
        try (Stream<Path> files = Files.list(out)) {
            html = files.filter(path -> path.toString().endsWith(".html")).findFirst().orElseThrow();
        }
        assertThat(Files.readString(html)).contains("<svg", "<polyline", "raw e2e", "imsg e2e")
                .doesNotContain("<script", "src=");
    }

    /** The topics of load runs on the broker now. */
    private static Set<String> loadTopics(KafkaBroker broker) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(name -> name.startsWith("load-"))
                    .collect(Collectors.toCollection(HashSet::new));
        } catch (Exception e) {
            throw new AssertionError("could not list the broker's topics", e);
        }
    }

    /** Deleted topics leave the broker's metadata a moment after the deletion is acknowledged. */
    private static void awaitLoadTopics(KafkaBroker broker, Set<String> expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!loadTopics(broker).equals(expected) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        assertThat(loadTopics(broker)).isEqualTo(expected);
    }
}
