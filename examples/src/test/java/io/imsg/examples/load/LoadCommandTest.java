package io.imsg.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.examples.cli.ImsgCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Bad usage of {@code imsg load} and {@code imsg bench} fails fast with exit code 2, before any broker starts. */
class LoadCommandTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        var cli = ImsgCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void faultsCannotBeComparedWithRawKafka() {
        assertThat(run("load", "--compare", "raw", "--failure-percent", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("cannot be combined with --compare raw");
    }

    @Test
    void aDurationNeedsARate() {
        assertThat(run("load", "--duration", "10")).isEqualTo(2);
        assertThat(err.toString()).contains("--duration needs a --rate > 0");
    }

    @Test
    void unknownScenariosWorkAndComparisonsAreNamed() {
        assertThat(run("load", "--scenario", "soak")).isEqualTo(2);
        assertThat(err.toString()).contains("--scenario must be e2e or drain, was 'soak'");
        assertThat(run("load", "--work", "io:5ms")).isEqualTo(2);
        assertThat(err.toString()).contains("work kind must be cpu or sleep");
        assertThat(run("load", "--compare", "rabbitmq")).isEqualTo(2);
        assertThat(err.toString()).contains("--compare must be raw, was 'rabbitmq'");
        assertThat(run("bench", "--scenarios", "e2e,soak")).isEqualTo(2);
        assertThat(err.toString()).contains("'soak' is none of them");
    }

    @Test
    void benchRefusesEveryScenarioOptionBeforeTheBrokerStarts() {
        assertThat(run("bench", "--latency-rate", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--latency-rate must be > 0, was 0.0");
        assertThat(run("bench", "--latency-rate", "NaN")).isEqualTo(2);
        assertThat(err.toString()).contains("--latency-rate must be > 0, was NaN");
        assertThat(run("bench", "--latency-seconds", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--latency-seconds must be >= 1, was 0");
        assertThat(run("bench", "--slow-messages", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--slow-messages must be >= 1, was 0");
        assertThat(run("bench", "--slow-concurrency", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--slow-concurrency must be >= 1, was 0");
        assertThat(run("bench", "--slow-work", "sleep:5")).isEqualTo(2);
        assertThat(err.toString()).contains("--slow-work: work time must be a whole number with unit us, ms or s");
        assertThat(run("bench", "--payload-bytes", "8")).isEqualTo(2);
        assertThat(err.toString()).contains("payloadBytes must be >= 16, was 8");
    }

    @Test
    void clientPropertiesEitherClientWouldRefuseAreRefusedBeforeTheBrokerStarts() {
        // iMSG owns acks (a send it reports must be on every in-sync replica); this used to exit 3,
        // after the broker had started and the raw round had run.
        assertThat(run("load", "--producer-property", "acks=1")).isEqualTo(2);
        assertThat(err.toString()).contains("'acks' is not allowed: iMSG sets it itself");
        assertThat(run("bench", "--consumer-property", "config.providers=file")).isEqualTo(2);
        assertThat(err.toString()).contains("'config.providers' is not allowed");
        // Kafka's own parsing, as both targets' clients would meet it.
        assertThat(run("load", "--producer-property", "linger.ms=soon")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value soon for configuration linger.ms");
        assertThat(run("bench", "--consumer-property", "max.poll.records=0")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value 0 for configuration max.poll.records");
        // The iMSG target's clients get both kinds: a producer setting given as a consumer property counts.
        assertThat(run("load", "--consumer-property", "batch.size=big")).isEqualTo(2);
        assertThat(err.toString()).contains("--producer-property or --consumer-property: Invalid value big for"
                + " configuration batch.size");
        // The raw producer gets only the producer's: a valid consumer value must not hide a bad one.
        assertThat(run("load", "--producer-property", "linger.ms=soon", "--consumer-property", "linger.ms=5"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--producer-property: Invalid value soon for configuration linger.ms");
        // What iMSG's build refuses and the raw clients take.
        assertThat(run("load", "--consumer-property", "auto.offset.reset=latest")).isEqualTo(2);
        assertThat(err.toString()).contains("'auto.offset.reset' must be 'earliest' for a subscriber, was 'latest'");
        assertThat(run("bench", "--producer-property", "request.timeout.ms=120000")).isEqualTo(2);
        assertThat(err.toString()).contains("PublisherSettings.deliveryTimeout (120000 ms) must be at least linger");
    }

    @Test
    void roundsAndWarmUpBelowTheirMinimumAreRefused() throws IOException {
        // An --out that is a file stops the run before any broker starts, should the check under test be missed.
        Path file = Files.createTempFile("results", ".json");
        try {
            assertThat(run("load", "--rounds", "0", "--out", file.toString())).isEqualTo(2);
            assertThat(err.toString()).contains("--rounds must be >= 1, was 0");
            assertThat(run("bench", "--warmup-messages", "-1", "--out", file.toString())).isEqualTo(2);
            assertThat(err.toString()).contains("--warmup-messages must be >= 0, was -1");
            assertThat(run("bench", "--rounds", "-3", "--out", file.toString())).isEqualTo(2);
            assertThat(err.toString()).contains("--rounds must be >= 1, was -3");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void anOutThatIsAFileIsRefusedBeforeTheRun() throws IOException {
        Path file = Files.createTempFile("results", ".json");
        try {
            assertThat(run("load", "--out", file.toString())).isEqualTo(2);
            assertThat(err.toString()).contains("--out " + file + " is a file; it must be a directory");
            assertThat(run("bench", "--out", file.toString())).isEqualTo(2);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void theBrokerTmpdirIsAnExistingDirectoryForTheEmbeddedBrokerOnly() {
        assertThat(run("load", "--broker-tmpdir", "/no/such/dir")).isEqualTo(2);
        assertThat(err.toString()).contains("--broker-tmpdir: temporaryDataRoot must be an existing directory, was /no/such/dir");
        assertThat(run("bench", "--broker-tmpdir", System.getProperty("java.io.tmpdir"), "--bootstrap-servers",
                "127.0.0.1:9")).isEqualTo(2);
        assertThat(err.toString()).contains("it cannot be combined with --bootstrap-servers");
    }

    @Test
    void thePriorityBenchNamesTheOptionThatIsBelowOne() {
        assertThat(run("bench", "priority", "--high", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--high must be at least 1, was 0");
        assertThat(run("bench", "priority", "--partitions", "-2")).isEqualTo(2);
        assertThat(err.toString()).contains("--partitions must be at least 1, was -2");
        // A missing --broker-tmpdir stops the bench before its broker starts, should the check under test be missed.
        assertThat(run("bench", "priority", "--backlog", "0", "--broker-tmpdir", "/no/such/dir")).isEqualTo(2);
        assertThat(err.toString()).contains("--backlog must be at least 1, was 0");
        assertThat(run("bench", "priority", "--rounds", "-1", "--broker-tmpdir", "/no/such/dir")).isEqualTo(2);
        assertThat(err.toString()).contains("--rounds must be at least 1, was -1");
    }

    @Test
    void thePriorityBenchTakesOneExistingPlaceForTheBrokersData() {
        assertThat(run("bench", "priority", "--broker-tmpdir", "/no/such/dir")).isEqualTo(2);
        assertThat(err.toString()).contains("--broker-tmpdir: temporaryDataRoot must be an existing directory, was /no/such/dir");
        assertThat(run("bench", "priority", "--broker-tmpdir", System.getProperty("java.io.tmpdir"),
                "--broker-data-dir", "/tmp/imsg-priority-data")).isEqualTo(2);
        assertThat(err.toString()).contains("--broker-data-dir and --broker-tmpdir both place the broker's data");
    }

    @Test
    void brokerPropertiesOfThePriorityBenchAreKeyValuePairsTheTestkitDoesNotOwn() {
        assertThat(run("bench", "priority", "--broker-property", "log.index.interval.bytes")).isEqualTo(2);
        assertThat(err.toString()).contains("should be in KEY=VALUE format but was log.index.interval.bytes");
        assertThat(run("bench", "priority", "--broker-property", "listeners=PLAINTEXT://:9092")).isEqualTo(2);
        assertThat(err.toString()).contains("--broker-property: brokerProperty 'listeners' is set by the embedded broker");
    }
}
