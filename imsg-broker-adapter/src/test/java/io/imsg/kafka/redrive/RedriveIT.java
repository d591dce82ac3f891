package io.imsg.kafka.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imsg.api.Message;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.kafka.KafkaMessaging;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.testkit.ImsgKafkaTest;
import io.imsg.testkit.KafkaBroker;
import io.imsg.testkit.TestNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** Dead letters go back to their topic, are handled once the handler is fixed, and never twice. */
@ImsgKafkaTest
class RedriveIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final AtomicBoolean fixed = new AtomicBoolean();
    private final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();

    @Test
    void deadLettersRedrivenAfterTheHandlerIsFixedAreHandledAndASecondRedriveMovesNothing(KafkaBroker broker)
            throws Exception {
        String topic = TestNames.unique("orders");
        broker.createTopic(topic, 2);
        Router router = Router.builder().route("reserve", topic, OrderPlaced.class,
                (message, context) -> handle(message.payload().getOrderId())).build();

        try (KafkaMessaging service = start(broker, router);
                Redriver redriver = Redriver.create(kafka(broker), RedriveSettings.ofDefaults());
                DeadLetterReader reader = DeadLetterReader.create(kafka(broker), RedriveSettings.ofDefaults())) {
            for (String id : List.of("ok-1", "fail-1", "ok-2", "fail-2", "fail-3", "ok-3", "fail-4")) {
                service.publisher().publish(topic, Message.builder(order(id)).key(id).build()).join();
            }
            await().atMost(WAIT).until(() -> reader.summarize(topic).total() == 4 && handled.size() == 3);
            fixed.set(true);

            RedriveReport first = redriver.redrive(topic, RedriveRequest.of(RedriveFilter.all()));

            assertThat(first).isEqualTo(new RedriveReport(false, 4, 4, 0, 0, 0));
            await().atMost(WAIT).until(() -> handled.keySet().containsAll(List.of("fail-1", "fail-2", "fail-3",
                    "fail-4")));
            RedriveReport second = redriver.redrive(topic, RedriveRequest.of(RedriveFilter.all()));
            assertThat(second).isEqualTo(new RedriveReport(false, 4, 0, 0, 4, 0));
            assertThat(reader.ledger(topic).size()).isEqualTo(4);
            assertRepublishedFaithfully(broker, topic, reader);
            Thread.sleep(1_000); // time for a duplicate, were there one, to be handled
            assertThat(handled).allSatisfy((id, count) -> assertThat(count).as(id).hasValue(1));
        }
    }

    @Test
    void filtersSelectOnlyMatchingDeadLettersAndTheLimitStopsTheRun(KafkaBroker broker) {
        String topic = TestNames.unique("orders");
        broker.createTopic(topic, 2);
        Router router = Router.builder()
                .route("reserve", topic, OrderPlaced.class, (message, context) -> handle(message.payload().getOrderId()))
                .route("record", topic, InventoryReserved.class,
                        (message, context) -> handle(message.payload().getOrderId()))
                .build();

        try (KafkaMessaging service = start(broker, router);
                Redriver redriver = Redriver.create(kafka(broker), RedriveSettings.ofDefaults());
                DeadLetterReader reader = DeadLetterReader.create(kafka(broker), RedriveSettings.ofDefaults())) {
            for (String id : List.of("state-1", "argument-1", "argument-2")) {
                service.publisher().publish(topic, Message.builder(order(id)).key(id).build()).join();
            }
            service.publisher().publish(topic, Message.builder(new InventoryReserved("reserved-1", "sku", 1, 0))
                    .key("reserved-1").build()).join();
            await().atMost(WAIT).until(() -> reader.summarize(topic).total() == 4);
            fixed.set(true);

            assertThat(redriver.redrive(topic, request(RedriveFilter.all().withExceptionClass("IllegalArgumentException"))))
                    .isEqualTo(new RedriveReport(false, 2, 2, 0, 0, 0));
            assertThat(redriver.redrive(topic, request(RedriveFilter.all().withRoute("record"))))
                    .isEqualTo(new RedriveReport(false, 1, 1, 0, 0, 0));
            assertThat(redriver.redrive(topic, request(RedriveFilter.all().withSince(Instant.now().plusSeconds(3600)))))
                    .isEqualTo(new RedriveReport(false, 0, 0, 0, 0, 0));
            // Only state-1 is left; how many moved ones the run passes first depends on the partition order.
            RedriveReport limited = redriver.redrive(topic, request(RedriveFilter.all()).withLimit(1));
            assertThat(limited.moved()).isEqualTo(1);
            assertThat(limited.selected()).isEqualTo(1 + limited.skippedAlreadyRedriven());

            await().atMost(WAIT).until(() -> handled.keySet().equals(Set.of("state-1", "argument-1", "argument-2",
                    "reserved-1")));
        }
    }

    @Test
    void aDryRunReportsWhatItWouldMoveAndWritesNothing(KafkaBroker broker) throws Exception {
        String topic = TestNames.unique("orders");
        broker.createTopic(topic, 2);
        Router router = Router.builder().route("reserve", topic, OrderPlaced.class,
                (message, context) -> handle(message.payload().getOrderId())).build();

        try (KafkaMessaging service = start(broker, router);
                Redriver redriver = Redriver.create(kafka(broker), RedriveSettings.ofDefaults());
                DeadLetterReader reader = DeadLetterReader.create(kafka(broker), RedriveSettings.ofDefaults())) {
            for (String id : List.of("fail-1", "fail-2", "fail-3")) {
                service.publisher().publish(topic, Message.builder(order(id)).key(id).build()).join();
            }
            await().atMost(WAIT).until(() -> reader.summarize(topic).total() == 3);
            fixed.set(true);

            RedriveReport report = redriver.redrive(topic, request(RedriveFilter.all()).withDryRun(true).withLimit(2));

            assertThat(report).isEqualTo(new RedriveReport(true, 2, 0, 2, 0, 0));
            try (Admin admin = Admin.create(broker.adminProperties())) {
                assertThat(admin.listTopics().names().get()).doesNotContain(RedriveTopics.ledgerTopicOf(topic));
            }
            Thread.sleep(1_000);
            assertThat(handled).isEmpty();
        }
    }

    private void handle(String orderId) {
        if (!fixed.get()) {
            if (orderId.startsWith("argument")) {
                throw new IllegalArgumentException("no such warehouse for " + orderId);
            }
            if (!orderId.startsWith("ok")) {
                throw new IllegalStateException("warehouse offline for " + orderId);
            }
        }
        handled.computeIfAbsent(orderId, id -> new AtomicInteger()).incrementAndGet();
    }

    /** The republished records: original key and value, the failure state gone, redrive count 1. */
    private static void assertRepublishedFaithfully(KafkaBroker broker, String topic, DeadLetterReader reader) {
        Map<String, DeadLetter> deadLetters = new ConcurrentHashMap<>();
        try (Stream<DeadLetter> letters = reader.stream(topic)) {
            letters.forEach(letter -> deadLetters.put(letter.keyText().orElseThrow(), letter));
        }
        List<ConsumerRecord<byte[], byte[]>> redriven = new ArrayList<>();
        // The routed topic itself, read with the same bounded scan the reader uses for dead-letter topics.
        try (var consumer = new KafkaConsumer<byte[], byte[]>(RedriveClients.reader(kafka(broker), WAIT))) {
            TopicScan.start(consumer, topic, WAIT).orElseThrow().forEachRemaining(record -> {
                if (record.headers().lastHeader(ImsgHeaders.REDRIVE_COUNT) != null) {
                    redriven.add(record);
                }
            });
        }
        assertThat(redriven).hasSize(4).allSatisfy(record -> {
            DeadLetter original = deadLetters.get(new String(record.key(), StandardCharsets.UTF_8));
            assertThat(record.value()).isEqualTo(original.value().orElseThrow());
            assertThat(text(record, ImsgHeaders.REDRIVE_COUNT)).isEqualTo("1");
            assertThat(text(record, ImsgHeaders.MESSAGE_ID)).isEqualTo(original.messageId().orElseThrow());
            for (Header header : record.headers()) {
                assertThat(RedriveHeaders.isFailureState(header.key()))
                        .as(header.key()).isEqualTo(header.key().equals(ImsgHeaders.REDRIVE_COUNT));
            }
        });
    }

    private static RedriveRequest request(RedriveFilter filter) {
        return RedriveRequest.of(filter);
    }

    private static KafkaMessaging start(KafkaBroker broker, Router router) {
        KafkaMessaging messaging = KafkaMessaging.builder(kafka(broker))
                .routes(router, SubscriberSettings.builder(TestNames.unique("inventory")).build())
                .meterRegistry(new SimpleMeterRegistry()).build();
        messaging.start();
        return messaging;
    }

    private static KafkaSettings kafka(KafkaBroker broker) {
        return KafkaSettings.builder().bootstrapServers(broker.bootstrapServers()).service("redrive-it").build();
    }

    private static OrderPlaced order(String id) {
        return OrderPlaced.newBuilder().setOrderId(id).setSku("sku").setQuantity(1).build();
    }

    private static String text(ConsumerRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
