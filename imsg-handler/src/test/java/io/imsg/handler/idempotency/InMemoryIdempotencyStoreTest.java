package io.imsg.handler.idempotency;

import static io.imsg.api.idempotency.Claim.ACQUIRED;
import static io.imsg.api.idempotency.Claim.ALREADY_COMPLETED;
import static io.imsg.api.idempotency.Claim.IN_PROGRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.idempotency.Claim;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryIdempotencyStoreTest {

    private static final String ROUTE = "reserve-stock";

    private final AtomicLong nanos = new AtomicLong(-5_000); // negative: ticks need not start at zero

    @Test
    void aCompletedIdIsAlreadyCompletedForLaterDeliveries() {
        InMemoryIdempotencyStore store = InMemoryIdempotencyStore.create();

        assertThat(store.tryBegin(ROUTE, "m-1")).isEqualTo(ACQUIRED);
        store.complete(ROUTE, "m-1");

        assertThat(store.tryBegin(ROUTE, "m-1")).isEqualTo(ALREADY_COMPLETED);
        assertThat(store.tryBegin(ROUTE, "m-1")).isEqualTo(ALREADY_COMPLETED);
    }

    @Test
    void aClaimInProgressIsNeitherGrantedTwiceNorReportedDone() {
        InMemoryIdempotencyStore store = InMemoryIdempotencyStore.create();

        assertThat(store.tryBegin(ROUTE, "m-1")).isEqualTo(ACQUIRED);

        assertThat(store.tryBegin(ROUTE, "m-1")).isEqualTo(IN_PROGRESS);
    }

    @Test
    void anAbandonedClaimCanBeTakenAgain() {
        InMemoryIdempotencyStore store = InMemoryIdempotencyStore.create();
        store.tryBegin(ROUTE, "m-1");

        store.abandon(ROUTE, "m-1");

        assertThat(store.tryBegin(ROUTE, "m-1")).isEqualTo(ACQUIRED);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void storeStaysBoundedAndEvictsOldestCompleted() {
        InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder().maxEntries(3).build();

        for (String id : List.of("m-1", "m-2", "m-3", "m-4", "m-5")) {
            handle(store, id);
            assertThat(store.size()).isLessThanOrEqualTo(3);
        }

        assertThat(store.tryBegin(ROUTE, "m-3")).isEqualTo(ALREADY_COMPLETED);
        assertThat(store.tryBegin(ROUTE, "m-4")).isEqualTo(ALREADY_COMPLETED);
        assertThat(store.tryBegin(ROUTE, "m-5")).isEqualTo(ALREADY_COMPLETED);
        assertThat(store.tryBegin(ROUTE, "m-1")).as("oldest, evicted first").isEqualTo(ACQUIRED);
        assertThat(store.tryBegin(ROUTE, "m-4")).as("a new claim evicts the oldest completed, m-3")
                .isEqualTo(ALREADY_COMPLETED);
        assertThat(store.tryBegin(ROUTE, "m-3")).isEqualTo(ACQUIRED);
    }

    @Test
    void evictionFollowsCompletionOrderNotClaimOrder() {
        InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder().maxEntries(2).build();
        store.tryBegin(ROUTE, "slow");
        handle(store, "fast");
        store.complete(ROUTE, "slow");

        handle(store, "third");

        assertThat(store.tryBegin(ROUTE, "slow")).isEqualTo(ALREADY_COMPLETED);
        assertThat(store.tryBegin(ROUTE, "fast")).as("completed first, so evicted first").isEqualTo(ACQUIRED);
    }

    @Test
    void inProgressEntriesAreNeverEvicted() {
        InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder().maxEntries(2).build();
        store.tryBegin(ROUTE, "long-running");

        for (int i = 0; i < 10; i++) {
            handle(store, "m-" + i);
        }

        assertThat(store.tryBegin(ROUTE, "long-running")).isEqualTo(IN_PROGRESS);
        assertThat(store.size()).isEqualTo(2);
        store.complete(ROUTE, "long-running");
        assertThat(store.tryBegin(ROUTE, "long-running")).isEqualTo(ALREADY_COMPLETED);
    }

    @Test
    void claimsInProgressBeyondMaxEntriesAreKeptAndCompletedOnesMakeWay() {
        InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder().maxEntries(2).build();
        handle(store, "done");

        for (String id : List.of("a", "b", "c")) {
            assertThat(store.tryBegin(ROUTE, id)).isEqualTo(ACQUIRED);
        }

        assertThat(store.size()).as("three claims, no room left for what was completed").isEqualTo(3);
        assertThat(store.tryBegin(ROUTE, "c")).isEqualTo(IN_PROGRESS);
        store.complete(ROUTE, "a");
        assertThat(store.size()).as("b and c still fill the store, so a makes way at once").isEqualTo(2);
        store.abandon(ROUTE, "b");
        store.complete(ROUTE, "c");
        assertThat(store.tryBegin(ROUTE, "c")).isEqualTo(ALREADY_COMPLETED);
    }

    @Test
    void ttlExpiresEntries() {
        InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder()
                .timeToLive(Duration.ofMinutes(10)).ticker(nanos::get).build();
        handle(store, "m-1");
        advance(Duration.ofMinutes(4));
        handle(store, "m-2");

        advance(Duration.ofMinutes(6).minusNanos(1));
        assertThat(store.tryBegin(ROUTE, "m-1")).as("1 ns short of its time-to-live").isEqualTo(ALREADY_COMPLETED);

        advance(Duration.ofNanos(1));
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.tryBegin(ROUTE, "m-1")).isEqualTo(ACQUIRED);
        assertThat(store.tryBegin(ROUTE, "m-2")).as("completed 4 minutes later").isEqualTo(ALREADY_COMPLETED);

        advance(Duration.ofMinutes(4));
        assertThat(store.tryBegin(ROUTE, "m-2")).isEqualTo(ACQUIRED);
    }

    @Test
    void ttlCountsFromCompletionAndNeverExpiresAClaimInProgress() {
        InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder()
                .timeToLive(Duration.ofSeconds(30)).ticker(nanos::get).build();
        store.tryBegin(ROUTE, "slow");

        advance(Duration.ofHours(1));
        assertThat(store.tryBegin(ROUTE, "slow")).isEqualTo(IN_PROGRESS);
        store.complete(ROUTE, "slow");

        advance(Duration.ofSeconds(29));
        assertThat(store.tryBegin(ROUTE, "slow")).isEqualTo(ALREADY_COMPLETED);
    }

    @Test
    void ttlWorksAcrossATickerOverflow() {
        nanos.set(Long.MAX_VALUE - Duration.ofSeconds(1).toNanos());
        InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder()
                .timeToLive(Duration.ofSeconds(10)).ticker(nanos::get).build();
        handle(store, "m-1");

        advance(Duration.ofSeconds(5));
        assertThat(store.tryBegin(ROUTE, "m-1")).isEqualTo(ALREADY_COMPLETED);
        advance(Duration.ofSeconds(5));
        assertThat(store.tryBegin(ROUTE, "m-1")).isEqualTo(ACQUIRED);
    }

    @Test
    void scopesAreIndependent() {
        InMemoryIdempotencyStore store = InMemoryIdempotencyStore.create();
        handle(store, "m-1");

        assertThat(store.tryBegin("audit", "m-1")).isEqualTo(ACQUIRED);
    }

    @Test
    void longIdsAreKeptAsDigestsAndStayDistinct() {
        InMemoryIdempotencyStore store = InMemoryIdempotencyStore.create();
        String prefix = "x".repeat(10_000);
        handle(store, prefix + "a");

        assertThat(store.tryBegin(ROUTE, prefix + "a")).isEqualTo(ALREADY_COMPLETED);
        assertThat(store.tryBegin(ROUTE, prefix + "b")).as("differs only after the first 10,000 chars")
                .isEqualTo(ACQUIRED);
        assertThat(StoreKey.of(ROUTE, prefix + "a").id()).hasSizeLessThanOrEqualTo(StoreKey.MAX_KEPT_LENGTH);
    }

    @Test
    void aDigestNeverEqualsAnIdThatSpellsIt() {
        InMemoryIdempotencyStore store = InMemoryIdempotencyStore.create();
        String longId = "y".repeat(100);
        handle(store, longId);

        assertThat(store.tryBegin(ROUTE, StoreKey.of(ROUTE, longId).id())).isEqualTo(ACQUIRED);
    }

    @Test
    void endingAClaimThatIsNotHeldThrows() {
        InMemoryIdempotencyStore store = InMemoryIdempotencyStore.create();

        assertThatThrownBy(() -> store.complete(ROUTE, "never-claimed"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("complete() of message never-claimed in scope 'reserve-stock'")
                .hasMessageContaining("after tryBegin() returned ACQUIRED");
        handle(store, "m-1");
        assertThatThrownBy(() -> store.complete(ROUTE, "m-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.abandon(ROUTE, "m-1")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("abandon()");
        assertThat(store.tryBegin(ROUTE, "m-1")).as("a misuse changes nothing").isEqualTo(ALREADY_COMPLETED);
    }

    @Test
    void concurrentClaimsOfOneIdAreGrantedOnce() throws Exception {
        InMemoryIdempotencyStore store = InMemoryIdempotencyStore.create();
        int threads = 16;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Claim>> claims = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                claims.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return store.tryBegin(ROUTE, "m-1");
                }));
            }
            List<Claim> answers = new ArrayList<>();
            for (Future<Claim> claim : claims) {
                answers.add(claim.get(10, TimeUnit.SECONDS));
            }
            assertThat(answers).containsOnlyOnce(ACQUIRED).containsOnly(ACQUIRED, IN_PROGRESS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invalidConfigurationNamesTheSetting() {
        InMemoryIdempotencyStore.Builder builder = InMemoryIdempotencyStore.builder();

        assertThatThrownBy(() -> builder.maxEntries(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxEntries must be >= 1, was 0");
        assertThatThrownBy(() -> builder.timeToLive(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeToLive must be > 0, was PT0S");
        assertThatThrownBy(() -> builder.timeToLive(Duration.ofSeconds(-1)))
                .hasMessage("timeToLive must be > 0, was PT-1S");
        assertThatThrownBy(() -> builder.timeToLive(null)).hasMessage("timeToLive must not be null");
        assertThatThrownBy(() -> builder.ticker(null)).hasMessage("ticker must not be null");
    }

    @Test
    void blankScopesAndIdsAreRejected() {
        InMemoryIdempotencyStore store = InMemoryIdempotencyStore.create();

        assertThatThrownBy(() -> store.tryBegin(" ", "m-1")).hasMessage("scope must not be blank");
        assertThatThrownBy(() -> store.tryBegin(ROUTE, null)).hasMessage("messageId must not be blank");
    }

    @Test
    void settingsAreReported() {
        InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder()
                .maxEntries(7).timeToLive(Duration.ofHours(1)).build();

        assertThat(store.maxEntries()).isEqualTo(7);
        assertThat(store.timeToLive()).contains(Duration.ofHours(1));
        assertThat(InMemoryIdempotencyStore.create().maxEntries()).isEqualTo(100_000);
        assertThat(InMemoryIdempotencyStore.create().timeToLive()).isEmpty();
        InMemoryIdempotencyStore forever = InMemoryIdempotencyStore.builder()
                .timeToLive(Duration.ofSeconds(Long.MAX_VALUE)).ticker(nanos::get).build();
        handle(forever, "m-1");
        advance(Duration.ofDays(365 * 200));
        assertThat(forever.tryBegin(ROUTE, "m-1")).as("a huge time-to-live saturates").isEqualTo(ALREADY_COMPLETED);
    }

    private static void handle(InMemoryIdempotencyStore store, String id) {
        assertThat(store.tryBegin(ROUTE, id)).isEqualTo(ACQUIRED);
        store.complete(ROUTE, id);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
