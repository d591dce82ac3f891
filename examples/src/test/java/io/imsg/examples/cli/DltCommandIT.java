package io.imsg.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imsg.api.Message;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.kafka.KafkaMessaging;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.redrive.DeadLetterReader;
import io.imsg.kafka.redrive.RedriveSettings;
import io.imsg.kafka.security.RecordProtection;
import io.imsg.kafka.security.crypto.KeyStoreKeyProvider;
import io.imsg.testkit.ImsgKafkaTest;
import io.imsg.testkit.KafkaBroker;
import io.imsg.testkit.TestNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javax.crypto.KeyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imsg dlt} on the real broker, run as an operator runs it, checked by what it prints. */
@ImsgKafkaTest
class DltCommandIT {

    private final AtomicBoolean fixed = new AtomicBoolean();
    private final Set<String> handled = ConcurrentHashMap.newKeySet();

    @Test
    void listShowAndRedriveDescribeAndMoveTheDeadLettersOfAFailingService(KafkaBroker broker) throws Exception {
        String topic = TestNames.unique("orders");
        broker.createTopic(topic, 2);
        String servers = broker.bootstrapServers();

        try (KafkaMessaging service = start(broker, topic, RecordProtection.none())) {
            for (String id : List.of("ok-1", "fail-1", "fail-2", "ok-2", "fail-3")) {
                service.publisher().publish(topic, Message.builder(order(id)).key(id).build()).join();
            }
            awaitDeadLetters(broker, topic, 3);

            Run list = run("dlt", "list", "--topic", topic, "--bootstrap-servers", servers);
            assertThat(list.exitCode).as(list.toString()).isZero();
            assertThat(list.out).contains("Dead letters in " + topic + ".dlt: 3 (0 already redriven)")
                    .containsPattern("\\n  reserve +3\\n")
                    .containsPattern("\\n  java.lang.IllegalStateException +3\\n")
                    .containsPattern("By hour of last failure \\(UTC\\) +count\\n  \\d{4}-\\d\\d-\\d\\d \\d\\d:00 +3\\n")
                    .containsPattern("\\nTotal +3\\n");

            Run dryRun = run("dlt", "redrive", "--topic", topic, "--bootstrap-servers", servers, "--dry-run");
            assertThat(dryRun.exitCode).as(dryRun.toString()).isZero();
            assertThat(dryRun.out).startsWith("Dry run of a redrive of " + topic + ".dlt (filter: all, limit: none)")
                    .contains("Selected 3: would move 3, already redriven 0, failed 0. Dry run: nothing was written.");
            assertThat(dryRun.out.lines().filter(line -> line.endsWith(": would move"))).hasSize(3);

            Run show = run("dlt", "show", "--topic", topic + ".dlt", "--bootstrap-servers", servers, "--limit", "2");
            assertThat(show.exitCode).as(show.toString()).isZero();
            JsonNode shown = new ObjectMapper().readTree(show.out);
            assertThat(shown).hasSize(2);
            JsonNode first = shown.get(0);
            assertThat(first.at("/envelope/type").asText()).isEqualTo(OrderPlaced.class.getName());
            assertThat(first.at("/envelope/payload/orderId").asText()).startsWith("fail-")
                    .isEqualTo(first.at("/key").asText());
            assertThat(first.at("/failure/exception-class").asText()).isEqualTo(IllegalStateException.class.getName());
            assertThat(first.at("/failure/route").asText()).isEqualTo("reserve");
            assertThat(first.has("problem")).isFalse();

            fixed.set(true);
            Run redrive = run("dlt", "redrive", "--topic", topic, "--bootstrap-servers", servers,
                    "--exception-class", "IllegalStateException", "--since", "2020-01-01");
            assertThat(redrive.exitCode).as(redrive.toString()).isZero();
            assertThat(redrive.out).contains("Selected 3: moved 3, already redriven 0, failed 0.");
            await(() -> handled.containsAll(List.of("fail-1", "fail-2", "fail-3")));

            Run again = run("dlt", "redrive", "--topic", topic, "--bootstrap-servers", servers);
            assertThat(again.out).contains("Selected 3: moved 0, already redriven 3, failed 0.");
            assertThat(run("dlt", "list", "--topic", topic, "--bootstrap-servers", servers).out)
                    .contains("Dead letters in " + topic + ".dlt: 3 (3 already redriven)");
        }
    }

    @Test
    void showDecryptsTheDeadLettersOfAnEncryptedTopicWithTheKeyStore(KafkaBroker broker, @TempDir Path dir)
            throws Exception {
        String topic = TestNames.unique("secret-orders");
        broker.createTopic(topic, 1);
        String servers = broker.bootstrapServers();
        char[] password = "store-pass".toCharArray();
        Path store = keyStore(dir.resolve("keys.p12"), password, "orders-2026-12");
        Path passwordFile = Files.writeString(dir.resolve("password"), "store-pass\n");
        Path badPasswordFile = Files.writeString(dir.resolve("bad"), "not-it\n");
        RecordProtection protection = RecordProtection.builder()
                .encrypt(topic, KeyStoreKeyProvider.load(store, password, "orders-2026-12")).build();

        try (KafkaMessaging service = start(broker, topic, protection)) {
            service.publisher().publish(topic, Message.builder(order("fail-secret")).key("fail-secret").build()).join();
            awaitDeadLetters(broker, topic, 1);

            Run withoutKeys = run("dlt", "show", "--topic", topic, "--bootstrap-servers", servers);
            Run withKeys = run("dlt", "show", "--topic", topic, "--bootstrap-servers", servers,
                    "--key-store", store.toString(), "--key-store-password-file", passwordFile.toString());
            Run badPassword = run("dlt", "show", "--topic", topic, "--bootstrap-servers", servers,
                    "--key-store", store.toString(), "--key-store-password-file", badPasswordFile.toString());

            assertThat(withoutKeys.exitCode).as(withoutKeys.toString()).isZero();
            JsonNode sealed = new ObjectMapper().readTree(withoutKeys.out).get(0);
            assertThat(sealed.get("problem").asText()).contains("the value is encrypted");
            assertThat(sealed.has("value-base64")).isTrue();
            assertThat(sealed.has("envelope")).isFalse();

            assertThat(withKeys.exitCode).as(withKeys.toString()).isZero();
            JsonNode opened = new ObjectMapper().readTree(withKeys.out).get(0);
            assertThat(opened.has("problem")).as(withKeys.out).isFalse();
            assertThat(opened.at("/envelope/payload/orderId").asText()).isEqualTo("fail-secret");

            assertThat(badPassword.exitCode).isEqualTo(2);
            assertThat(badPassword.err).contains("--key-store: key store " + store + " cannot be read")
                    .doesNotContain("not-it");
        }
    }

    @Test
    void mistakesGetOneClearLineAndTheExitCodeOfTheirKind(KafkaBroker broker) {
        String servers = broker.bootstrapServers();

        Run missing = run("dlt", "list", "--topic", TestNames.unique("nothing-here"), "--bootstrap-servers", servers);
        assertThat(missing.exitCode).isEqualTo(3);
        assertThat(missing.err).contains("imsg dlt list: the dead-letter topic nothing-here-").contains("does not exist");

        Run badTime = run("dlt", "redrive", "--topic", "orders", "--bootstrap-servers", servers, "--since", "yesterday");
        assertThat(badTime.exitCode).isEqualTo(2);
        assertThat(badTime.err).contains("'yesterday' is not an ISO-8601 time");

        Run backwards = run("dlt", "redrive", "--topic", "orders", "--bootstrap-servers", servers,
                "--since", "2025-05-02", "--until", "2025-05-01");
        assertThat(backwards.exitCode).isEqualTo(2);
        assertThat(backwards.err).contains("--since 2025-05-02T00:00:00Z must be before --until 2025-05-01T00:00:00Z");

        Run halfCoordinates = run("dlt", "show", "--topic", "orders", "--bootstrap-servers", servers, "--partition", "0");
        assertThat(halfCoordinates.exitCode).isEqualTo(2);
        assertThat(halfCoordinates.err).contains("--partition and --offset go together");

        Run reusedConsumerConfig = run("dlt", "list", "--topic", "orders", "--bootstrap-servers", servers,
                "--client-config", consumerProperties("enable.auto.commit=true").toString());
        assertThat(reusedConsumerConfig.exitCode).isEqualTo(2);
        assertThat(reusedConsumerConfig.err).contains("--client-config ").contains(
                "clientProperty 'enable.auto.commit' is not allowed: iMSG sets it itself");

        Run orphanPassword = run("dlt", "show", "--topic", "orders", "--bootstrap-servers", servers,
                "--key-store-password-file", "password.txt");
        assertThat(orphanPassword.exitCode).isEqualTo(2);
        assertThat(orphanPassword.err).contains("--key-store-password-file needs --key-store");

        if (System.getenv(KeyStoreOptions.PASSWORD_ENV) == null) {
            Run noPassword = run("dlt", "show", "--topic", "orders", "--bootstrap-servers", servers,
                    "--key-store", "keys.p12");
            assertThat(noPassword.exitCode).isEqualTo(2);
            assertThat(noPassword.err).contains("--key-store needs its password: pass --key-store-password-file FILE"
                    + " or set " + KeyStoreOptions.PASSWORD_ENV);
        }

        if (System.getenv(DltOptions.BOOTSTRAP_ENV) == null) {
            Run noCluster = run("dlt", "list", "--topic", "orders");
            assertThat(noCluster.exitCode).isEqualTo(2);
            assertThat(noCluster.err).contains("no Kafka cluster given: pass --bootstrap-servers HOST:PORT or set "
                    + DltOptions.BOOTSTRAP_ENV);
        }
    }

    private static Path consumerProperties(String line) {
        try {
            Path file = Files.createTempFile("consumer", ".properties");
            file.toFile().deleteOnExit();
            return Files.writeString(file, line + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private KafkaMessaging start(KafkaBroker broker, String topic, RecordProtection protection) {
        Router router = Router.builder().route("reserve", topic, OrderPlaced.class, (message, context) -> {
            String id = message.payload().getOrderId();
            if (id.startsWith("fail") && !fixed.get()) {
                throw new IllegalStateException("warehouse offline for " + id);
            }
            handled.add(id);
        }).build();
        KafkaMessaging messaging = KafkaMessaging.builder(kafka(broker).toBuilder().protection(protection).build())
                .routes(router, SubscriberSettings.builder(TestNames.unique("inventory")).build())
                .meterRegistry(new SimpleMeterRegistry()).build();
        messaging.start();
        return messaging;
    }

    private static void awaitDeadLetters(KafkaBroker broker, String topic, long count) {
        try (DeadLetterReader reader = DeadLetterReader.create(kafka(broker), RedriveSettings.ofDefaults())) {
            await(() -> reader.summarize(topic).total() >= count);
        }
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within 60 s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static KafkaSettings kafka(KafkaBroker broker) {
        return KafkaSettings.builder().bootstrapServers(broker.bootstrapServers()).service("dlt-it").build();
    }

    /** A PKCS12 store holding one new AES key under {@code alias}, as keytool -genseckey makes one. */
    private static Path keyStore(Path file, char[] password, String alias) throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, password);
        store.setEntry(alias, new KeyStore.SecretKeyEntry(generator.generateKey()),
                new KeyStore.PasswordProtection(password));
        try (var out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        return file;
    }

    private static OrderPlaced order(String id) {
        return OrderPlaced.newBuilder().setOrderId(id).setSku("sku").setQuantity(1).build();
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = ImsgCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }
}
