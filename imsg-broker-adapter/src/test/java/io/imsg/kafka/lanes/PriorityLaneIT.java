package io.imsg.kafka.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.imsg.api.Message;
import io.imsg.api.failure.NonRetryableException;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.kafka.KafkaMessaging;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.consume.internal.LaneAdvice;
import io.imsg.kafka.it.Fixture;
import io.imsg.kafka.redrive.RedriveFilter;
import io.imsg.kafka.redrive.RedriveReport;
import io.imsg.kafka.redrive.RedriveRequest;
import io.imsg.kafka.redrive.RedriveSettings;
import io.imsg.kafka.redrive.Redriver;
import io.imsg.kafka.topics.TopicProvisioner;
import io.imsg.schema.Priority;
import io.imsg.testkit.ImsgKafkaTest;
import io.imsg.testkit.KafkaBroker;
import io.imsg.testkit.TestNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** HIGH messages take the priority lane and stay HIGH through retry topics, dead letters and redrive. */
@ImsgKafkaTest
class PriorityLaneIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** What a handler saw of one message, on its last attempt. */
    private record Seen(String topic, Priority priority, int attempt) {}

    @Test
    void highMessagesKeepTheirLaneAndPriorityThroughRetryTopicsDeadLettersAndRedrive(KafkaBroker broker) throws Exception {
        String topic = TestNames.unique("lanes");
        broker.createTopic(topic, 3);
        Map<String, Seen> handled = new ConcurrentHashMap<>();
        AtomicBoolean fixed = new AtomicBoolean();
        Router router = Router.builder().route(topic, OrderPlaced.class, (message, context) -> {
            String id = message.payload().getOrderId();
            if (id.equals("retry-once") && context.attempt() == 1) {
                throw new IllegalStateException("transient");
            }
            if (id.equals("poison") && !fixed.get()) {
                throw new NonRetryableException("unknown sku");
            }
            handled.put(id, new Seen(context.origin().topic(), message.priority(), context.attempt()));
        }).build();
        SubscriberSettings settings = SubscriberSettings.builder(TestNames.unique("g"))
                .retryDelays(Duration.ofMillis(200)).build();

        try (Fixture service = Fixture.start(broker, router, settings);
                Redriver redriver = Redriver.create(kafka(broker), RedriveSettings.ofDefaults())) {
            for (String id : List.of("plain", "retry-once", "poison")) {
                service.publisher().publish(topic, order(id, Priority.HIGH)).join();
            }
            service.publisher().publish(topic, order("normal", Priority.NORMAL)).join();
            await().atMost(WAIT).until(() -> handled.keySet().containsAll(List.of("plain", "retry-once", "normal")));
            List<ConsumerRecord<byte[], byte[]>> deadLetters = Fixture.readAll(broker, topic + ".dlt", 1);

            assertThat(handled.get("plain")).isEqualTo(new Seen(topic + ".priority", Priority.HIGH, 1));
            assertThat(handled.get("normal")).isEqualTo(new Seen(topic, Priority.NORMAL, 1));
            assertThat(handled.get("retry-once").priority()).isEqualTo(Priority.HIGH);
            assertThat(handled.get("retry-once").topic()).isEqualTo(topic + ".retry.200ms");
            assertThat(deadLetters).singleElement().satisfies(letter -> {
                assertThat(header(letter, ImsgHeaders.PRIORITY)).isEqualTo("HIGH");
                assertThat(header(letter, ImsgHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(topic + ".priority");
            });

            fixed.set(true);
            RedriveReport report = redriver.redrive(topic, RedriveRequest.of(RedriveFilter.all()));

            assertThat(report.moved()).isEqualTo(1);
            await().atMost(WAIT).until(() -> handled.containsKey("poison"));
            assertThat(handled.get("poison")).isEqualTo(new Seen(topic + ".priority", Priority.HIGH, 1));
        }
        try (Admin admin = Admin.create(broker.adminProperties())) {
            assertCreatedWithLaneConfigs(admin, topic); // created by the subscriber, at its start
        }
    }

    @Test
    void aPublisherCreatesNoLaneForATopicThatOnlyGetsNormalMessages(KafkaBroker broker) throws Exception {
        String quiet = TestNames.unique("quiet");
        String urgent = TestNames.unique("urgent");
        broker.createTopic(quiet, 2);
        broker.createTopic(urgent, 2);
        try (KafkaMessaging messaging = KafkaMessaging.builder(kafka(broker)).publishes(OrderPlaced.class)
                        .meterRegistry(new SimpleMeterRegistry()).build();
                Admin admin = Admin.create(broker.adminProperties())) {
            messaging.start();
            for (int i = 0; i < 20; i++) {
                messaging.publisher().publish(quiet, order("n-" + i, Priority.NORMAL)).join();
            }
            messaging.publisher().publish(urgent, order("h", Priority.HIGH)).join();

            assertThat(admin.listTopics().names().get()).contains(urgent + ".priority")
                    .doesNotContain(quiet + ".priority");
            TopicProvisioner provisioner = new TopicProvisioner(admin, WAIT);
            assertThat(provisioner.exists(urgent + ".priority")).isTrue();
            assertThat(provisioner.exists(quiet + ".priority")).isFalse();
            assertCreatedWithLaneConfigs(admin, urgent); // created by the publisher, for its first HIGH message
        }
    }

    @Test
    void aSubscriberWarnsOfALaneThatWasCreatedWithADenseIndexAndLeavesItsConfigsAlone(KafkaBroker broker)
            throws Exception {
        String dense = TestNames.unique("dense");
        String fresh = TestNames.unique("fresh");
        broker.createTopic(dense, 2);
        broker.createTopic(PriorityLanes.laneOf(dense), 2); // as an older iMSG or an operator made it
        broker.createTopic(fresh, 2);
        Router router = Router.builder()
                .route(dense, OrderPlaced.class, (message, context) -> {})
                .route(fresh, OrderPlaced.class, (message, context) -> {})
                .build();
        ListAppender<ILoggingEvent> logs = captureLogsOf(LaneAdvice.class);
        try (Fixture service = Fixture.start(broker, router, SubscriberSettings.builder(TestNames.unique("g")).build());
                Admin admin = Admin.create(broker.adminProperties())) {
            List<String> warnings = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(line -> line.startsWith("IMSG-1503")).toList();
            assertThat(warnings).singleElement().asString()
                    .contains(PriorityLanes.laneOf(dense) + " has index.interval.bytes=4096")
                    .contains("kafka-configs --alter");
            assertThat(configs(admin, PriorityLanes.laneOf(dense)).get(TopicConfig.INDEX_INTERVAL_BYTES_CONFIG))
                    .isEqualTo("4096");
            assertCreatedWithLaneConfigs(admin, fresh);
        } finally {
            ((Logger) LoggerFactory.getLogger(LaneAdvice.class)).detachAppender(logs);
        }
    }

    @Test
    void aSubscriberWithoutLanesWarnsOfALaneItWillNotRead(KafkaBroker broker) throws Exception {
        String laned = TestNames.unique("laned");
        String plain = TestNames.unique("plain");
        broker.createTopic(laned, 2);
        broker.createTopic(PriorityLanes.laneOf(laned), 2); // as a publisher with lanes on makes it
        broker.createTopic(plain, 2);
        Router router = Router.builder()
                .route(laned, OrderPlaced.class, (message, context) -> {})
                .route(plain, OrderPlaced.class, (message, context) -> {})
                .build();
        ListAppender<ILoggingEvent> logs = captureLogsOf(LaneAdvice.class);
        String group = TestNames.unique("g");
        try (Fixture service = Fixture.start(broker, router,
                SubscriberSettings.builder(group).priorityLanes(false).build())) {
            List<String> warnings = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(line -> line.startsWith("IMSG-1505")).toList();
            assertThat(warnings).singleElement().asString()
                    .contains("priority lane " + PriorityLanes.laneOf(laned) + " exists, but group " + group)
                    .contains("SubscriberSettings.priorityLanes");
        } finally {
            ((Logger) LoggerFactory.getLogger(LaneAdvice.class)).detachAppender(logs);
        }
    }

    private static ListAppender<ILoggingEvent> captureLogsOf(Class<?> type) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        appender.start();
        ((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
        return appender;
    }

    /** A new lane has its topic's record size limit and the sparse index of {@link PriorityLanes#topicConfigs}. */
    private static void assertCreatedWithLaneConfigs(Admin admin, String topic) throws Exception {
        Map<String, String> topicConfigs = configs(admin, topic);
        Map<String, String> laneConfigs = configs(admin, PriorityLanes.laneOf(topic));
        assertThat(laneConfigs.get(TopicConfig.INDEX_INTERVAL_BYTES_CONFIG))
                .isEqualTo(Integer.toString(PriorityLanes.INDEX_INTERVAL_BYTES))
                .isNotEqualTo(topicConfigs.get(TopicConfig.INDEX_INTERVAL_BYTES_CONFIG)); // the topic keeps its own
        assertThat(laneConfigs.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG))
                .isEqualTo(topicConfigs.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG));
    }

    private static Map<String, String> configs(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Map<String, String> values = new HashMap<>();
        admin.describeConfigs(List.of(resource)).all().get().get(resource).entries()
                .forEach(entry -> values.put(entry.name(), entry.value()));
        return values;
    }

    private static Message<OrderPlaced> order(String id, Priority priority) {
        OrderPlaced order = OrderPlaced.newBuilder().setOrderId(id).setSku("sku").setQuantity(1).build();
        return Message.builder(order).key(id).priority(priority).build();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private static KafkaSettings kafka(KafkaBroker broker) {
        return KafkaSettings.builder().bootstrapServers(broker.bootstrapServers()).service("lanes-it").build();
    }
}
