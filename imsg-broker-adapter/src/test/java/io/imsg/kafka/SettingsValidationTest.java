package io.imsg.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.publish.PublisherSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every invalid setting fails when it is set, with a message that names it. */
class SettingsValidationTest {

    @Test
    void kafkaSettingsRequireBootstrapServersAndService() {
        assertThatThrownBy(() -> KafkaSettings.builder().service("orders").build())
                .hasMessage("bootstrapServers is required but was not set");
        assertThatThrownBy(() -> KafkaSettings.builder().bootstrapServers("localhost:9092").build())
                .hasMessage("service is required but was not set");
        assertThatThrownBy(() -> KafkaSettings.builder().bootstrapServers(" "))
                .hasMessage("bootstrapServers must not be blank");
        assertThatThrownBy(() -> KafkaSettings.builder().clientProperty("acks", null))
                .hasMessageContaining("clientProperty 'acks' value must not be null");
    }

    @Test
    void kafkaSettingsRejectABlankServiceInstanceOrPropertyName() {
        assertThatThrownBy(() -> KafkaSettings.builder().service(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("service must not be blank");
        assertThatThrownBy(() -> KafkaSettings.builder().instance("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("instance must not be blank");
        assertThatThrownBy(() -> KafkaSettings.builder().clientProperty(" ", "all"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clientProperty name must not be blank");
    }

    @Test
    void aServiceWithoutAMeterRegistryIsRefusedWhenBuilt() {
        KafkaSettings kafka = KafkaSettings.builder().bootstrapServers("127.0.0.1:1").service("orders").build();

        assertThatThrownBy(() -> KafkaMessaging.builder(kafka).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("meterRegistry is required but was not set");
    }

    @Test
    void aSubscribingServiceRefusesAPassThroughGroupOrOffsetResetWhenBuilt() {
        Router router = Router.builder()
                .route("orders", OrderPlaced.class, (message, context) -> { }).build();
        KafkaSettings skipping = KafkaSettings.builder().bootstrapServers("127.0.0.1:1").service("inventory")
                .clientProperty("auto.offset.reset", "latest").build();

        assertThatThrownBy(() -> KafkaMessaging.builder(skipping)
                .routes(router, SubscriberSettings.builder("inventory").build())
                .meterRegistry(new SimpleMeterRegistry()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'auto.offset.reset' must be 'earliest' for a subscriber, was 'latest'");
    }

    @Test
    void retryDelaysForATopicNoRouteReadsAreRefusedWhenTheServiceIsBuilt() {
        Router router = Router.builder().route("orders", OrderPlaced.class, (message, context) -> { }).build();
        KafkaSettings kafka = KafkaSettings.builder().bootstrapServers("127.0.0.1:1").service("inventory").build();
        SubscriberSettings typo = SubscriberSettings.builder("inventory")
                .retryDelays("order", Duration.ofSeconds(1)).build();

        assertThatThrownBy(() -> KafkaMessaging.builder(kafka).routes(router, typo)
                .meterRegistry(new SimpleMeterRegistry()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retryDelays were set for [order], which no route reads; the routed topics are [orders]");
    }

    @Test
    void kafkaSettingsDefaultTheInstanceAndKeepPassThroughProperties() {
        KafkaSettings settings = KafkaSettings.builder().bootstrapServers("localhost:9092").service("orders")
                .clientProperty("security.protocol", "SSL").build();

        assertThat(settings.identity().service()).isEqualTo("orders");
        assertThat(settings.identity().instance()).isNotBlank();
        assertThat(settings.clientProperties()).containsEntry("security.protocol", "SSL");
        assertThat(settings.toBuilder().build().identity()).isEqualTo(settings.identity());
    }

    @Test
    void subscriberSettingsRejectOutOfRangeValuesNamingTheSetting() {
        assertThatThrownBy(() -> SubscriberSettings.builder("")).hasMessage("groupId must not be blank");
        SubscriberSettings.Builder builder = SubscriberSettings.builder("g");
        assertThatThrownBy(() -> builder.concurrency(0)).hasMessage("concurrency must be >= 1 (was 0)");
        assertThatThrownBy(() -> builder.maxInFlight(-5)).hasMessage("maxInFlight must be >= 1 (was -5)");
        assertThatThrownBy(() -> builder.maxInFlightBytes(10)).hasMessage("maxInFlightBytes must be >= 1024 (was 10)");
        assertThatThrownBy(() -> builder.maxPollRecords(0)).hasMessage("maxPollRecords must be >= 1 (was 0)");
        assertThatThrownBy(() -> builder.commitInterval(Duration.ZERO))
                .hasMessage("commitInterval must be a positive duration (was PT0S)");
        assertThatThrownBy(() -> builder.closeTimeout(Duration.ofSeconds(-1)))
                .hasMessageStartingWith("closeTimeout must be a positive duration");
        assertThatThrownBy(() -> builder.ordering(null)).hasMessage("ordering must not be null");
        assertThatThrownBy(() -> builder.maxHeaders(2)).hasMessage("maxHeaders must be >= 8 (was 2)");
        assertThatThrownBy(() -> builder.maxHeaderBytes(100)).hasMessage("maxHeaderBytes must be >= 1024 (was 100)");
        assertThatThrownBy(() -> builder.pollTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pollTimeout must be a positive duration (was PT0S)");
        assertThatThrownBy(() -> builder.revocationTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("revocationTimeout must be a positive duration (was PT-0.001S)");
        assertThatThrownBy(() -> builder.normalLaneMaxPause(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("normalLaneMaxPause must be a positive duration (was null)");
    }

    @Test
    void subscriberSettingsRoundTripThroughToBuilder() {
        SubscriberSettings settings = SubscriberSettings.builder("g").concurrency(3).maxInFlight(7).build();
        SubscriberSettings copy = settings.toBuilder().build();

        assertThat(copy.concurrency()).isEqualTo(3);
        assertThat(copy.maxInFlight()).isEqualTo(7);
        assertThat(copy.groupId()).isEqualTo("g");
    }

    @Test
    void retryDelaysAreValidatedAndCanBeSetPerTopic() {
        SubscriberSettings.Builder builder = SubscriberSettings.builder("g");
        assertThatThrownBy(() -> builder.retryDelays(Duration.ZERO))
                .hasMessage("retryDelays delays must be between 1 ms and 7 days (was PT0S)");
        assertThatThrownBy(() -> builder.retryDelays(Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessage("retryDelays has PT1S twice; each stage needs its own topic");
        assertThatThrownBy(() -> builder.retryDelays(new Duration[11]))
                .hasMessage("retryDelays allows at most 10 stages (was 11)");
        assertThatThrownBy(() -> builder.retryDelays(" ", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retryDelays topic must not be blank");
        assertThatThrownBy(() -> builder.retryDelays("payments", Duration.ofDays(8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retryDelays(payments) delays must be between 1 ms and 7 days (was PT192H)");

        SubscriberSettings settings = builder.retryDelays(Duration.ofSeconds(1))
                .retryDelays("payments").build().toBuilder().build();
        assertThat(settings.retryDelays("orders")).containsExactly(Duration.ofSeconds(1));
        assertThat(settings.retryDelays("payments")).isEmpty();
    }

    @Test
    void publisherSettingsRejectOutOfRangeValuesNamingTheSetting() {
        PublisherSettings defaults = PublisherSettings.ofDefaults();
        assertThatThrownBy(() -> defaults.withMaxMessageBytes(10)).hasMessage("maxMessageBytes must be >= 1024 (was 10)");
        assertThatThrownBy(() -> defaults.withLinger(Duration.ofMillis(-1)))
                .hasMessage("linger must be zero or positive and at most PT596H31M23.647S (was PT-0.001S)");
        assertThatThrownBy(() -> defaults.withBatchBytes(0)).hasMessage("batchBytes must be >= 1 (was 0)");
        assertThatThrownBy(() -> defaults.withDeliveryTimeout(null))
                .hasMessage("deliveryTimeout must be a positive duration (was null)");
        // Kafka takes both as int milliseconds: 50 days would have wrapped to about 7 hours.
        assertThatThrownBy(() -> defaults.withDeliveryTimeout(Duration.ofDays(50)))
                .hasMessage("deliveryTimeout must be at most PT596H31M23.647S (was PT1200H)");
        assertThatThrownBy(() -> defaults.withLinger(Duration.ofDays(50)))
                .hasMessageStartingWith("linger must be zero or positive and at most PT596H31M23.647S");
        assertThatThrownBy(() -> defaults.withMaxMessageBytes(Integer.MAX_VALUE))
                .hasMessage("maxMessageBytes must be <= 1073741824 (was 2147483647)");
    }

    @Test
    void aDeliveryTimeoutKafkaWouldRefuseIsRefusedNamingWhatToChange() {
        KafkaSettings kafka = KafkaSettings.builder().bootstrapServers("127.0.0.1:1").service("orders").build();
        PublisherSettings tenSeconds = PublisherSettings.ofDefaults().withDeliveryTimeout(Duration.ofSeconds(10));

        assertThatThrownBy(() -> KafkaMessaging.builder(kafka).publisherSettings(tenSeconds)
                .meterRegistry(new SimpleMeterRegistry()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PublisherSettings.deliveryTimeout (10000 ms) must be at least linger (5 ms) plus the"
                        + " producer's request.timeout.ms (30000 ms, Kafka's default) = 30005 ms; raise deliveryTimeout,"
                        + " or lower request.timeout.ms with KafkaSettings.clientProperty");
        KafkaSettings shortRequests = KafkaSettings.builder().bootstrapServers("127.0.0.1:1").service("orders")
                .clientProperty("request.timeout.ms", "5000").build();
        assertThatCode(() -> io.imsg.kafka.internal.ClientConfigs.checkProducer(shortRequests, tenSeconds))
                .doesNotThrowAnyException();
    }

    @Test
    void aPublishedTypeThatIsNotGeneratedIsRefusedWhenDeclared() {
        KafkaSettings kafka = KafkaSettings.builder().bootstrapServers("127.0.0.1:1").service("orders").build();

        // Before: accepted here, then Avro's "Not a Specific class" from build(), naming no setting.
        assertThatThrownBy(() -> KafkaMessaging.builder(kafka).publishes(org.apache.avro.specific.SpecificRecord.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("payloadType org.apache.avro.specific.SpecificRecord is not an Avro-generated"
                        + " record class");
        assertThatThrownBy(() -> KafkaMessaging.builder(kafka).replyTypes(OrderPlaced.class, null))
                .isInstanceOf(NullPointerException.class).hasMessage("payloadType must not be null");
    }

    @Test
    void aRoutedTopicTooLongForTheNamesDerivedFromItIsRefusedWhenTheServiceIsBuilt() {
        KafkaSettings kafka = KafkaSettings.builder().bootstrapServers("127.0.0.1:1").service("inventory").build();
        String longest = "t".repeat(249); // legal itself; its ".dlt" is not
        String lanes = "t".repeat(245); // its dead-letter topic fits; "<topic>.priority" does not
        Router router = Router.builder().route(longest, OrderPlaced.class, (message, context) -> { }).build();
        Router laned = Router.builder().route(lanes, OrderPlaced.class, (message, context) -> { }).build();

        assertThatThrownBy(() -> KafkaMessaging.builder(kafka).routes(router, SubscriberSettings.builder("g").build())
                .meterRegistry(new SimpleMeterRegistry()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the dead-letter topic of " + longest + " '")
                .hasMessageEndingWith("is 253 characters long; Kafka allows at most 249");
        assertThatThrownBy(() -> KafkaMessaging.builder(kafka).routes(laned, SubscriberSettings.builder("g").build())
                .meterRegistry(new SimpleMeterRegistry()).build())
                .hasMessageStartingWith("the priority lane of " + lanes);
        assertThatCode(() -> io.imsg.kafka.consume.internal.SubscriberChecks.check(kafka,
                SubscriberSettings.builder("g").priorityLanes(false).build(), laned)).doesNotThrowAnyException();
    }
}
