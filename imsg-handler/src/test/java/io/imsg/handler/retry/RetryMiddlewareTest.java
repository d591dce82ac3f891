package io.imsg.handler.retry;

import static io.imsg.handler.testing.TestMessages.erasedOrder;
import static io.imsg.handler.testing.TestMessages.inventoryReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.imsg.api.Context;
import io.imsg.api.Handler;
import io.imsg.api.Message;
import io.imsg.api.RouteInfo;
import io.imsg.api.failure.FailureClassifier;
import io.imsg.api.failure.NonRetryableException;
import io.imsg.api.failure.RetryableException;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.metrics.MetricsMiddleware;
import io.imsg.handler.testing.TestContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryMiddlewareTest {

    private static final RouteInfo ROUTE = new RouteInfo("reserve-stock", "orders", OrderPlaced.class);

    /** Backoffs of a millisecond, so the tests exercise the retries without waiting for them. */
    private static final RetryPolicy QUICK = RetryPolicy.builder()
            .maxAttempts(3).initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(1)).jitter(0).build();

    private final List<Context> attempts = new ArrayList<>();
    private final TestContext context = new TestContext(ROUTE);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted(); // a test that interrupts itself must not leak the flag to the next one
    }

    @Test
    void transientFailureIsRetriedThenSucceeds() throws Exception {
        handle(RetryMiddleware.create(QUICK), failingTimes(2, () -> new RetryableException("database busy")));

        assertThat(attempts).hasSize(3);
    }

    @Test
    void nonRetryableFailureIsNotRetried() {
        NonRetryableException invalid = new NonRetryableException("order has no lines");

        assertThatThrownBy(() -> handle(RetryMiddleware.create(QUICK), failingTimes(5, () -> invalid)))
                .isSameAs(invalid);
        assertThat(attempts).hasSize(1);
    }

    @Test
    void failuresTheClassifierWasToldArePermanentAreNotRetried() {
        RetryMiddleware retry = RetryMiddleware.builder(QUICK)
                .classifier(FailureClassifier.builder().nonRetryable(IllegalArgumentException.class).build())
                .build();

        assertThatThrownBy(() -> handle(retry, failingTimes(5, () -> new IllegalArgumentException("bad sku"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(attempts).hasSize(1);
    }

    @Test
    void lastFailureIsRethrownUnchangedAfterMaxAttempts() {
        List<Exception> thrown = new ArrayList<>();
        Handler<SpecificRecord> alwaysFailing = (message, attempt) -> {
            attempts.add(attempt);
            IllegalStateException failure = new IllegalStateException("warehouse offline, attempt " + attempt.attempt());
            thrown.add(failure);
            throw failure;
        };

        assertThatThrownBy(() -> RetryMiddleware.create(QUICK).wrap(ROUTE, alwaysFailing).handle(erasedOrder("o-1"), context))
                .isSameAs(thrown.get(2));
        assertThat(attempts).hasSize(3);
        assertThat(context.latest().attempt()).as("the attempt count a dead letter reports").isEqualTo(3);
    }

    @Test
    void eachAttemptSeesAFreshContextWithTheNextAttemptNumber() throws Exception {
        handle(RetryMiddleware.create(QUICK), (message, attempt) -> {
            assertThat(((TestContext) attempt).emitted()).as("nothing emitted yet in a fresh attempt").isEmpty();
            attempt.emit("reservations", Message.of(inventoryReserved("o-1")));
            attempts.add(attempt);
            if (attempt.attempt() < 3) {
                throw new IllegalStateException("transient");
            }
        });

        assertThat(attempts).extracting(Context::attempt).containsExactly(1, 2, 3);
        assertThat(attempts).doesNotHaveDuplicates().first().isSameAs(context);
        assertThat(attempts).extracting(Context::route).containsOnly(ROUTE);
    }

    @Test
    void outputsOfFailedAttemptsAreDiscarded() throws Exception {
        handle(RetryMiddleware.create(QUICK), (message, attempt) -> {
            attempt.emit("reservations", Message.of(inventoryReserved("from-attempt-" + attempt.attempt())));
            if (attempt.attempt() < 3) {
                throw new IllegalStateException("transient");
            }
        });

        TestContext published = context.latest();
        assertThat(published.attempt()).isEqualTo(3);
        assertThat(published.emitted()).singleElement()
                .satisfies(output -> assertThat(output.message().payload().toString()).contains("from-attempt-3"));
        assertThat(context.attempts()).hasSize(3);
    }

    @Test
    void maxAttemptsOfOneMeansNoRetry() {
        RetryPolicy once = QUICK.toBuilder().maxAttempts(1).build();

        assertThatThrownBy(() -> handle(RetryMiddleware.create(once), failingTimes(1, () -> new RetryableException("x"))))
                .isInstanceOf(RetryableException.class);
        assertThat(attempts).hasSize(1);
    }

    @Test
    void errorsAreNeverCaughtOrRetried() {
        AssertionError bug = new AssertionError("invariant broken");

        assertThatThrownBy(() -> handle(RetryMiddleware.create(QUICK), (message, attempt) -> {
            attempts.add(attempt);
            throw bug;
        })).isSameAs(bug);
        assertThat(attempts).hasSize(1);
    }

    @Test
    void anInterruptedBackoffStopsRetryingAndRethrowsWithTheInterruptKept() {
        RetryableException failure = new RetryableException("database busy");
        Thread.currentThread().interrupt(); // as a shutting-down subscriber would

        assertThatThrownBy(() -> handle(RetryMiddleware.create(QUICK), failingTimes(5, () -> failure)))
                .isSameAs(failure);
        assertThat(attempts).hasSize(1);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void anInterruptedHandlerIsNotRetried() {
        assertThatThrownBy(() -> handle(RetryMiddleware.create(QUICK),
                failingTimes(5, () -> new InterruptedException("shutting down"))))
                .isInstanceOf(InterruptedException.class);
        assertThat(attempts).hasSize(1);
    }

    @Test
    void retriesAreCountedWithTheRetryOutcomeInTheRouteMetrics() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MetricsMiddleware metrics = MetricsMiddleware.create(meters);
        RetryMiddleware retry = RetryMiddleware.builder(QUICK).metrics(metrics).build();
        Handler<SpecificRecord> chain = metrics.wrap(ROUTE,
                retry.wrap(ROUTE, failingTimes(2, () -> new IllegalStateException("transient"))));

        chain.handle(erasedOrder("o-1"), context);

        assertThat(meters.get("imsg.messages.handled").tag("outcome", "retry").tag("route", "reserve-stock")
                .counter().count()).isEqualTo(2.0);
        assertThat(meters.get("imsg.messages.handled").tag("outcome", "success").counter().count())
                .as("the metrics middleware outside sees one handling").isEqualTo(1.0);
    }

    @Test
    void eachRouteHasOneRetryNamedAfterItWhoseMetricsCountTheRetries() throws Exception {
        RetryRegistry registry = RetryRegistry.ofDefaults();
        RetryMiddleware retry = RetryMiddleware.builder(QUICK).registry(registry).build();

        handle(retry, failingTimes(1, () -> new IllegalStateException("transient")));
        retry.wrap(ROUTE, (message, attempt) -> {}); // a second router over the same route shares it

        assertThat(registry.getAllRetries()).singleElement().satisfies(routeRetry -> {
            assertThat(routeRetry.getName()).isEqualTo("reserve-stock");
            assertThat(routeRetry.getRetryConfig().getMaxAttempts()).isEqualTo(3);
            assertThat(routeRetry.getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
        });
    }

    @Test
    void aRetryOfTheRouteNameConfiguredElsewhereIsRejected() {
        RetryRegistry registry = RetryRegistry.ofDefaults();
        registry.retry("reserve-stock", RetryConfig.ofDefaults());
        RetryMiddleware retry = RetryMiddleware.builder(QUICK).registry(registry).build();

        assertThatThrownBy(() -> retry.wrap(ROUTE, (message, attempt) -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already holds a retry named 'reserve-stock'");
    }

    @Test
    void builderRejectsMissingSettings() {
        assertThatThrownBy(() -> RetryMiddleware.builder(null)).hasMessage("policy must not be null");
        assertThatThrownBy(() -> RetryMiddleware.builder(QUICK).classifier(null)).hasMessage("classifier must not be null");
        assertThatThrownBy(() -> RetryMiddleware.builder(QUICK).registry(null)).hasMessage("registry must not be null");
        assertThatThrownBy(() -> RetryMiddleware.builder(QUICK).metrics(null)).hasMessage("metrics must not be null");
        assertThatCode(() -> RetryMiddleware.create(RetryPolicy.ofDefaults())).doesNotThrowAnyException();
    }

    private void handle(RetryMiddleware retry, Handler<SpecificRecord> handler) throws Exception {
        retry.wrap(ROUTE, handler).handle(erasedOrder("o-1"), context);
    }

    /** A handler that records each attempt and fails the first {@code times} of them. */
    private Handler<SpecificRecord> failingTimes(int times, ExceptionSupplier failure) {
        return (message, attempt) -> {
            attempts.add(attempt);
            if (attempts.size() <= times) {
                throw failure.get();
            }
        };
    }

    @FunctionalInterface
    private interface ExceptionSupplier {
        Exception get();
    }
}
