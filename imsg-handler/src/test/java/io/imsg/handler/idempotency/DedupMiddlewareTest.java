package io.imsg.handler.idempotency;

import static io.imsg.handler.testing.TestMessages.erased;
import static io.imsg.handler.testing.TestMessages.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.Handler;
import io.imsg.api.Message;
import io.imsg.api.RouteInfo;
import io.imsg.api.failure.FailureClassifier;
import io.imsg.api.idempotency.Claim;
import io.imsg.api.idempotency.IdempotencyStore;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.handler.testing.TestContext;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class DedupMiddlewareTest {

    private static final RouteInfo ROUTE = new RouteInfo("reserve-stock", "orders", OrderPlaced.class);
    private static final RouteInfo AUDIT = new RouteInfo("audit-orders", "orders", OrderPlaced.class);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryIdempotencyStore store = InMemoryIdempotencyStore.create();
    private final DedupMiddleware dedup = DedupMiddleware.create(store, registry);
    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void duplicateIsSkippedAfterSuccess() throws Exception {
        Handler<SpecificRecord> handler = dedup.wrap(ROUTE, (message, context) -> runs.incrementAndGet());

        TestContext.deliver(handler, message("m-1"), new TestContext(ROUTE));
        TestContext.deliver(handler, message("m-1"), new TestContext(ROUTE));
        TestContext.deliver(handler, message("m-1"), new TestContext(ROUTE));

        assertThat(runs).hasValue(1);
        assertThat(deduplicatedCount(ROUTE)).isEqualTo(2.0);
    }

    @Test
    void distinctIdsAllRun() throws Exception {
        Handler<SpecificRecord> handler = dedup.wrap(ROUTE, (message, context) -> runs.incrementAndGet());

        TestContext.deliver(handler, message("m-1"), new TestContext(ROUTE));
        TestContext.deliver(handler, message("m-2"), new TestContext(ROUTE));

        assertThat(runs).hasValue(2);
        assertThat(deduplicatedCount(ROUTE)).isZero();
    }

    @Test
    void failedAttemptCanBeRetried() throws Exception {
        IllegalStateException boom = new IllegalStateException("stock service down");
        Handler<SpecificRecord> handler = dedup.wrap(ROUTE, (message, context) -> {
            if (runs.incrementAndGet() == 1) {
                throw boom;
            }
        });

        assertThatThrownBy(() -> handler.handle(message("m-1"), new TestContext(ROUTE))).isSameAs(boom);
        TestContext.deliver(handler, message("m-1"), new TestContext(ROUTE, 2));
        TestContext.deliver(handler, message("m-1"), new TestContext(ROUTE));

        assertThat(runs).as("failed once, succeeded once, then skipped").hasValue(2);
        assertThat(deduplicatedCount(ROUTE)).isEqualTo(1.0);
    }

    @Test
    void errorsAndCheckedExceptionsAbandonTheClaimToo() throws Exception {
        AssertionError error = new AssertionError("invariant broken");
        Exception checked = new java.io.IOException("disk full");
        List<Throwable> failures = new ArrayList<>(List.of(error, checked));
        Handler<SpecificRecord> handler = dedup.wrap(ROUTE, (message, context) -> {
            runs.incrementAndGet();
            if (!failures.isEmpty()) {
                Throwable next = failures.remove(0);
                if (next instanceof Error e) {
                    throw e;
                }
                throw (Exception) next;
            }
        });

        assertThatThrownBy(() -> handler.handle(message("m-1"), new TestContext(ROUTE))).isSameAs(error);
        assertThatThrownBy(() -> handler.handle(message("m-1"), new TestContext(ROUTE))).isSameAs(checked);
        TestContext.deliver(handler, message("m-1"), new TestContext(ROUTE));

        assertThat(runs).hasValue(3);
        assertThat(store.tryBegin(ROUTE.name(), "m-1")).isEqualTo(Claim.ALREADY_COMPLETED);
    }

    @Test
    void aDuplicateInProgressIsRetryable() {
        Exception bounced = new DuplicateInProgressException(ROUTE.name(), "m-1", null);

        assertThat(FailureClassifier.defaults().isRetryable(bounced)).isTrue();
    }

    @Test
    void aHugeIdIsAbbreviatedInTheBounceMessage() {
        Exception bounced = new DuplicateInProgressException(ROUTE.name(), "z".repeat(1_000_000), null);

        assertThat(bounced.getMessage()).hasSizeLessThan(300).contains("(1000000 chars)");
    }

    @Test
    void differentRoutesDedupIndependently() throws Exception {
        AtomicInteger auditRuns = new AtomicInteger();
        Handler<SpecificRecord> reserve = dedup.wrap(ROUTE, (message, context) -> runs.incrementAndGet());
        Handler<SpecificRecord> audit = dedup.wrap(AUDIT, (message, context) -> auditRuns.incrementAndGet());

        for (int i = 0; i < 2; i++) {
            TestContext.deliver(reserve, message("m-1"), new TestContext(ROUTE));
            TestContext.deliver(audit, message("m-1"), new TestContext(AUDIT));
        }

        assertThat(runs).hasValue(1);
        assertThat(auditRuns).hasValue(1);
        assertThat(deduplicatedCount(ROUTE)).isEqualTo(1.0);
        assertThat(deduplicatedCount(AUDIT)).isEqualTo(1.0);
    }

    @Test
    void deduplicatedCounterIsTaggedByRouteTopicAndTypeInTheInjectedRegistryOnly() throws Exception {
        Handler<SpecificRecord> handler = dedup.wrap(ROUTE, (message, context) -> {});
        TestContext.deliver(handler, message("m-1"), new TestContext(ROUTE));
        TestContext.deliver(handler, message("m-1"), new TestContext(ROUTE));

        assertThat(registry.get("imsg.messages.deduplicated").counter().getId().getTags()).containsExactlyInAnyOrder(
                Tag.of("route", "reserve-stock"), Tag.of("topic", "orders"),
                Tag.of("type", "io.imsg.examples.orders.OrderPlaced"));
        assertThat(Metrics.globalRegistry.find("imsg.messages.deduplicated").meters()).isEmpty();
    }

    @Test
    void theIdIsCompletedOnlyOnceTheOutputsWereAcknowledged() throws Exception {
        Handler<SpecificRecord> handler = DedupMiddleware.create(store, registry)
                .wrap(ROUTE, (message, context) -> runs.incrementAndGet());
        TestContext first = new TestContext(ROUTE);

        handler.handle(message("m-1"), first);
        assertThatThrownBy(() -> handler.handle(message("m-1"), new TestContext(ROUTE)))
                .as("outputs not yet acknowledged: the id is still in progress")
                .isInstanceOf(DuplicateInProgressException.class);

        first.settle(false); // the outputs were never published: a redelivery must run again
        TestContext second = new TestContext(ROUTE);
        handler.handle(message("m-1"), second);
        second.settle(true);
        TestContext.deliver(handler, message("m-1"), new TestContext(ROUTE));

        assertThat(runs).hasValue(2);
    }

    @Test
    void aFailureToRecordTheCompletionFailsTheDelivery() {
        IllegalStateException commitFailed = new IllegalStateException("commit failed");
        RecordingStore failingStore = new RecordingStore(store) {
            @Override
            public void complete(String scope, String messageId) {
                super.complete(scope, messageId);
                throw commitFailed;
            }
        };
        Handler<SpecificRecord> handler = DedupMiddleware.create(failingStore, registry)
                .wrap(ROUTE, (message, context) -> runs.incrementAndGet());

        assertThatThrownBy(() -> TestContext.deliver(handler, message("m-1"), new TestContext(ROUTE)))
                .isSameAs(commitFailed);
        assertThat(failingStore.calls).containsExactly("tryBegin", "complete");
    }

    @Test
    void aFailureToAbandonIsSuppressedIntoTheHandlersFailure() {
        IllegalStateException boom = new IllegalStateException("handler failed");
        IllegalStateException abandonFailed = new IllegalStateException("rollback failed");
        RecordingStore failingStore = new RecordingStore(store) {
            @Override
            public void abandon(String scope, String messageId) {
                super.abandon(scope, messageId);
                throw abandonFailed;
            }
        };
        Handler<SpecificRecord> handler = DedupMiddleware.create(failingStore, registry)
                .wrap(ROUTE, (message, context) -> {
                    throw boom;
                });

        assertThatThrownBy(() -> handler.handle(message("m-1"), new TestContext(ROUTE)))
                .isSameAs(boom).hasSuppressedException(abandonFailed);
    }

    @Test
    void aStoreAnsweringNullIsReportedAsAContractViolation() {
        IdempotencyStore broken = new RecordingStore(store) {
            @Override
            public Claim tryBegin(String scope, String messageId) {
                return null;
            }
        };
        Handler<SpecificRecord> handler = DedupMiddleware.create(broken, registry).wrap(ROUTE, (m, c) -> {});

        assertThatThrownBy(() -> handler.handle(message("m-1"), new TestContext(ROUTE)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("returned no claim");
    }

    @Test
    void worksAsRouterMiddleware() throws Exception {
        Router router = Router.builder()
                .use(dedup)
                .route("reserve-stock", "orders", OrderPlaced.class, (message, context) -> runs.incrementAndGet())
                .build();
        Handler<SpecificRecord> routed = router.find("orders", ROUTE.messageType()).orElseThrow().handler();

        TestContext.deliver(routed, message("m-1"), new TestContext(ROUTE));
        TestContext.deliver(routed, message("m-1"), new TestContext(ROUTE));

        assertThat(runs).hasValue(1);
        assertThat(deduplicatedCount(ROUTE)).isEqualTo(1.0);
    }

    @Test
    void invalidConfigurationNamesTheSetting() {
        assertThatThrownBy(() -> DedupMiddleware.create(null, registry)).hasMessage("store must not be null");
        assertThatThrownBy(() -> DedupMiddleware.create(store, null)).hasMessage("registry must not be null");
        assertThatThrownBy(() -> dedup.wrap(ROUTE, null)).hasMessage("next handler must not be null");
        assertThat(dedup.store()).isSameAs(store);
    }

    private static Message<SpecificRecord> message(String id) {
        return erased(orderPlaced("o-1")).id(id).build();
    }

    private double deduplicatedCount(RouteInfo route) {
        return registry.get("imsg.messages.deduplicated").tag("route", route.name()).counter().count();
    }

    /** Delegates to a real store and records the calls it gets. */
    private static class RecordingStore implements IdempotencyStore {

        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        private final IdempotencyStore delegate;

        RecordingStore(IdempotencyStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Claim tryBegin(String scope, String messageId) {
            calls.add("tryBegin");
            return delegate.tryBegin(scope, messageId);
        }

        @Override
        public void complete(String scope, String messageId) {
            calls.add("complete");
            delegate.complete(scope, messageId);
        }

        @Override
        public void abandon(String scope, String messageId) {
            calls.add("abandon");
            delegate.abandon(scope, messageId);
        }
    }
}
