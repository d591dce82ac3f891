package io.imsg.handler.metrics;

import io.imsg.api.metrics.MeterNames;
import static io.imsg.handler.testing.TestMessages.erased;
import static io.imsg.handler.testing.TestMessages.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.Handler;
import io.imsg.api.Message;
import io.imsg.api.RouteInfo;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.testing.TestContext;
import io.imsg.schema.Priority;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class MetricsMiddlewareTest {

    private static final RouteInfo ROUTE = new RouteInfo("reserve-stock", "orders", OrderPlaced.class);
    private static final String TYPE = "io.imsg.examples.orders.OrderPlaced";

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final MetricsMiddleware metrics = MetricsMiddleware.create(registry);

    @Test
    void successIsCountedWithRouteTopicTypePriorityAndSuccessOutcome() throws Exception {
        handle((message, context) -> {}, message());

        Counter handled = registry.get("imsg.messages.handled").counter();
        assertThat(handled.count()).isEqualTo(1.0);
        assertThat(handled.getId().getTags()).containsExactlyInAnyOrder(
                Tag.of("route", "reserve-stock"), Tag.of("topic", "orders"), Tag.of("type", TYPE),
                Tag.of("priority", "NORMAL"), Tag.of("outcome", "success"));
    }

    @Test
    void handlerFailureIsRecordedWithFailureOutcomeAndRethrown() {
        IllegalStateException boom = new IllegalStateException("stock service down");

        assertThatThrownBy(() -> handle((message, context) -> {
            throw boom;
        }, message())).isSameAs(boom);

        assertThat(handledCount("failure")).isEqualTo(1.0);
        assertThat(registry.find("imsg.messages.handled").tag("outcome", "success").counter())
                .as("no success recorded for a failure").isNull();
    }

    @Test
    void errorsAreRecordedAsFailuresAndRethrownToo() {
        AssertionError error = new AssertionError("invariant broken");

        assertThatThrownBy(() -> handle((message, context) -> {
            throw error;
        }, message())).isSameAs(error);

        assertThat(handledCount("failure")).isEqualTo(1.0);
    }

    @Test
    void handlerDurationIsTimedPerOutcome() {
        assertThatCode(() -> handle((message, context) -> clock.add(Duration.ofMillis(250)), message()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> handle((message, context) -> {
            clock.add(Duration.ofMillis(40));
            throw new IllegalStateException("fails after 40 ms");
        }, message()));

        Timer success = registry.get("imsg.handler.duration").tag("outcome", "success").timer();
        Timer failure = registry.get("imsg.handler.duration").tag("outcome", "failure").timer();
        assertThat(success.count()).isEqualTo(1);
        assertThat(success.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250.0);
        assertThat(failure.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40.0);
        assertThat(success.getId().getTags()).extracting(Tag::getKey)
                .containsExactlyInAnyOrder("route", "topic", "type", "outcome");
    }

    @Test
    void latencyIsMeasuredFromCreatedAt() throws Exception {
        Instant createdAt = Instant.ofEpochMilli(clock.wallTime()).minusMillis(1_500);

        handle((message, context) -> clock.add(Duration.ofMillis(250)), message(createdAt, Priority.NORMAL));

        Timer latency = registry.get("imsg.message.latency").timer();
        assertThat(latency.count()).isEqualTo(1);
        assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).as("1.5 s waiting + 250 ms handling").isEqualTo(1_750.0);
        assertThat(latency.getId().getTags()).containsExactlyInAnyOrder(
                Tag.of("route", "reserve-stock"), Tag.of("topic", "orders"), Tag.of("type", TYPE),
                Tag.of("priority", "NORMAL"));
    }

    @Test
    void latencyPublishesAPercentileHistogramAndDurationDoesNot() throws Exception {
        HistogramConfigRegistry configs = new HistogramConfigRegistry(clock);

        MetricsMiddleware.create(configs).wrap(ROUTE, (message, context) -> {}).handle(message(), new TestContext(ROUTE));

        assertThat(configs.timerConfig("imsg.message.latency").isPercentileHistogram()).isTrue();
        assertThat(configs.timerConfig("imsg.handler.duration").isPercentileHistogram())
                .as("only latency pays for a histogram").isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void latencyHistogramReachesTheConfiguredMaximum() throws Exception {
        HistogramConfigRegistry configs = new HistogramConfigRegistry(clock);
        MetricsMiddleware slowPipeline = MetricsMiddleware.builder(configs)
                .maximumExpectedLatency(Duration.ofHours(1)).build();

        slowPipeline.wrap(ROUTE, (message, context) -> {}).handle(message(), new TestContext(ROUTE));

        DistributionStatisticConfig latency = configs.timerConfig("imsg.message.latency");
        assertThat(latency.getMaximumExpectedValueAsDouble()).isEqualTo((double) Duration.ofHours(1).toNanos());
        assertThat(latency.getHistogramBuckets(true).last())
                .as("buckets a Prometheus-like backend publishes reach past the 30 s timer default")
                .isGreaterThan((double) Duration.ofMinutes(5).toNanos());
    }

    @Test
    void latencyHistogramTopsOutAtFiveMinutesByDefault() throws Exception {
        HistogramConfigRegistry configs = new HistogramConfigRegistry(clock);

        MetricsMiddleware.create(configs).wrap(ROUTE, (message, context) -> {}).handle(message(), new TestContext(ROUTE));

        assertThat(configs.timerConfig("imsg.message.latency").getMaximumExpectedValueAsDouble())
                .isEqualTo((double) Duration.ofMinutes(5).toNanos());
    }

    @Test
    void failedAttemptsDoNotRecordLatency() {
        assertThatThrownBy(() -> handle((message, context) -> {
            throw new IllegalStateException("retry me");
        }, message()));

        assertThat(registry.find("imsg.message.latency").timer()).isNull();
    }

    @Test
    void latencyFromASenderClockAheadOfOursIsRecordedAsZero() throws Exception {
        Instant inTheFuture = Instant.ofEpochMilli(clock.wallTime()).plusSeconds(3);

        handle((message, context) -> {}, message(inTheFuture, Priority.NORMAL));

        Timer latency = registry.get("imsg.message.latency").timer();
        assertThat(latency.count()).isEqualTo(1);
        assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isZero();
    }

    @Test
    void aCreatedAtOutsideTheMillisecondRangeDoesNotFailASuccessfulHandling() throws Exception {
        handle((message, context) -> {}, message(Instant.MAX, Priority.NORMAL));

        assertThat(handledCount("success")).isEqualTo(1.0);
        assertThat(registry.find("imsg.message.latency").timer()).isNull();
    }

    @Test
    void priorityTagFollowsTheMessagePriority() throws Exception {
        handle((message, context) -> {}, message(Instant.ofEpochMilli(clock.wallTime()), Priority.HIGH));
        handle((message, context) -> {}, message(Instant.ofEpochMilli(clock.wallTime()), Priority.LOW));

        assertThat(registry.get("imsg.messages.handled").tag("priority", "HIGH").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("imsg.messages.handled").tag("priority", "LOW").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("imsg.message.latency").tag("priority", "HIGH").timer().count()).isEqualTo(1);
        assertThat(registry.find("imsg.messages.handled").tag("priority", "NORMAL").counter()).isNull();
    }

    @Test
    void metersAreRegisteredOnceAndReusedOnTheHotPath() throws Exception {
        List<String> added = new ArrayList<>();
        registry.config().onMeterAdded(meter -> added.add(meter.getId().getName()));
        Handler<SpecificRecord> measured = metrics.wrap(ROUTE, (message, context) -> {});

        for (int i = 0; i < 100; i++) {
            measured.handle(message(), new TestContext(ROUTE));
        }

        assertThat(added).containsExactlyInAnyOrder(
                "imsg.messages.handled", "imsg.handler.duration", "imsg.message.latency");
        assertThat(handledCount("success")).isEqualTo(100.0);
    }

    @Test
    void tagsAreBoundedAndNeverCarryTheMessageIdOrKey() throws Exception {
        Message<SpecificRecord> keyed = erased(orderPlaced("o-1")).id("message-id-1").key("customer-7").build();

        handle((message, context) -> {}, keyed);

        registry.getMeters().forEach(meter -> meter.getId().getTags().forEach(tag -> {
            assertThat(tag.getKey()).isIn("route", "topic", "type", "priority", "outcome");
            assertThat(tag.getValue()).doesNotContain("message-id-1").doesNotContain("customer-7");
        }));
    }

    @Test
    void metersGoToTheInjectedRegistryNotTheGlobalOne() throws Exception {
        handle((message, context) -> {}, message());

        assertThat(registry.getMeters()).hasSize(3);
        assertThat(Metrics.globalRegistry.find("imsg.messages.handled").meters())
                .isEmpty();
    }

    @Test
    void meterNamesCanBeOverridden() throws Exception {
        MeterNames names = MeterNames.defaults()
                .withHandled("orders.handled").withHandlerDuration("orders.duration").withLatency("orders.latency");
        MetricsMiddleware renamed = MetricsMiddleware.builder(registry).names(names).build();

        renamed.wrap(ROUTE, (message, context) -> {}).handle(message(), new TestContext(ROUTE));

        assertThat(registry.getMeters()).extracting(meter -> meter.getId().getName())
                .containsExactlyInAnyOrder("orders.handled", "orders.duration", "orders.latency");
        assertThat(renamed.names()).isEqualTo(names);
    }

    @Test
    void builderRejectsMissingOrNonPositiveSettings() {
        assertThatThrownBy(() -> MetricsMiddleware.create(null)).hasMessage("registry must not be null");
        assertThatThrownBy(() -> MetricsMiddleware.builder(registry).names(null)).hasMessage("names must not be null");
        assertThatThrownBy(() -> MetricsMiddleware.builder(registry).maximumExpectedLatency(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maximumExpectedLatency must be > 0, was PT0S");
    }

    private void handle(Handler<SpecificRecord> handler, Message<SpecificRecord> message) throws Exception {
        metrics.wrap(ROUTE, handler).handle(message, new TestContext(ROUTE));
    }

    private Message<SpecificRecord> message() {
        return message(Instant.ofEpochMilli(clock.wallTime()), Priority.NORMAL);
    }

    private static Message<SpecificRecord> message(Instant createdAt, Priority priority) {
        return erased(orderPlaced("o-1")).createdAt(createdAt).priority(priority).build();
    }

    private double handledCount(String outcome) {
        return registry.get("imsg.messages.handled").tag("outcome", outcome).counter().count();
    }

}
