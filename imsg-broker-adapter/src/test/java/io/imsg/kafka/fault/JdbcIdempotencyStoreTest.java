package io.imsg.kafka.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.idempotency.Claim;
import io.imsg.api.idempotency.IdempotencyStore;
import io.imsg.handler.idempotency.InMemoryIdempotencyStore;
import io.imsg.testkit.fault.InvariantChecker;
import io.imsg.testkit.fault.Verdict;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault runs' durable idempotency store: claims commit and roll back with the handler's
 * effects, and the effect database shows an effect applied twice when a store forgets.
 */
class JdbcIdempotencyStoreTest {

    private static final String ROUTE = "fault-route";
    private static final long PID = 42;

    @TempDir
    Path runDir;
    private EffectDatabase database;
    private JdbcIdempotencyStore store;

    @BeforeEach
    void open() {
        // Short, so a claim nobody ends answers IN_PROGRESS quickly.
        database = EffectDatabase.create(runDir, Duration.ofMillis(200));
        store = new JdbcIdempotencyStore(database.dataSource());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aCompletedClaimCommitsTheEffectAndARedeliveryIsSkipped() throws SQLException {
        handle(store, "m-1");

        assertThat(store.tryBegin(ROUTE, "m-1")).isEqualTo(Claim.ALREADY_COMPLETED);
        assertThat(database.effectIds()).containsExactly("m-1");
    }

    @Test
    void anAbandonedClaimRollsBackTheEffectAndMayBeClaimedAgain() throws SQLException {
        assertThat(store.tryBegin(ROUTE, "m-1")).isEqualTo(Claim.ACQUIRED);
        EffectDatabase.recordEffect(store.connection(), "m-1", PID);
        store.abandon(ROUTE, "m-1");

        assertThat(database.effectIds()).isEmpty();
        assertThat(store.tryBegin(ROUTE, "m-1")).isEqualTo(Claim.ACQUIRED);
        store.abandon(ROUTE, "m-1");
    }

    @Test
    void aHolderWhoseConnectionDiesLosesClaimAndEffectTogether() throws SQLException {
        assertThat(store.tryBegin(ROUTE, "m-1")).isEqualTo(Claim.ACQUIRED);
        EffectDatabase.recordEffect(store.connection(), "m-1", PID);
        store.connection().close(); // the session ends without a commit, as a kill -9 ends it

        assertThatThrownBy(() -> store.complete(ROUTE, "m-1")).isInstanceOf(IllegalStateException.class);
        assertThat(database.effectIds()).isEmpty();
        handle(store, "m-1"); // the redelivery starts clean
        assertThat(database.effectIds()).containsExactly("m-1");
    }

    @Test
    void aDuplicateWaitsForTheHolderAndFindsTheMessageCompleted() throws Exception {
        assertThat(store.tryBegin(ROUTE, "m-1")).isEqualTo(Claim.ACQUIRED);
        EffectDatabase.recordEffect(store.connection(), "m-1", PID);
        EffectDatabase patient = EffectDatabase.join(runDir); // the default lock timeout: a long wait
        try {
            JdbcIdempotencyStore other = new JdbcIdempotencyStore(patient.dataSource());
            CompletableFuture<Claim> duplicate = CompletableFuture.supplyAsync(() -> other.tryBegin(ROUTE, "m-1"));
            store.complete(ROUTE, "m-1");

            assertThat(duplicate.get()).isEqualTo(Claim.ALREADY_COMPLETED);
        } finally {
            patient.close();
        }
        assertThat(database.effectIds()).containsExactly("m-1");
    }

    @Test
    void aHolderThatStaysAwayPastTheLockTimeoutLeavesTheMessageInProgress() throws Exception {
        assertThat(store.tryBegin(ROUTE, "m-1")).isEqualTo(Claim.ACQUIRED);

        Claim duplicate = CompletableFuture.supplyAsync(() -> store.tryBegin(ROUTE, "m-1")).get();

        assertThat(duplicate).isEqualTo(Claim.IN_PROGRESS);
        store.abandon(ROUTE, "m-1");
    }

    @Test
    void endingAClaimThatIsNotHeldThrows() {
        assertThatThrownBy(() -> store.complete(ROUTE, "m-1")).isInstanceOf(IllegalStateException.class);
        assertThat(store.tryBegin(ROUTE, "m-1")).isEqualTo(Claim.ACQUIRED);
        assertThatThrownBy(() -> store.abandon(ROUTE, "m-2")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.tryBegin(ROUTE, "m-2")).isInstanceOf(IllegalStateException.class);
        store.abandon(ROUTE, "m-1");
    }

    @Test
    void longIdsSharingAPrefixStayDistinct() throws SQLException {
        String prefix = "x".repeat(300);
        handle(store, prefix + "a");

        assertThat(store.tryBegin(ROUTE, prefix + "b")).isEqualTo(Claim.ACQUIRED);
        store.abandon(ROUTE, prefix + "b");
        assertThat(store.tryBegin(ROUTE, prefix + "a")).isEqualTo(Claim.ALREADY_COMPLETED);
    }

    @Test
    void aRestartedProcessWithTheDurableStoreAppliesTheEffectOnce() throws SQLException {
        handle(store, "m-1");
        handle(new JdbcIdempotencyStore(database.dataSource()), "m-1");

        assertThat(database.effectIds()).containsExactly("m-1");
    }

    @Test
    void aStoreThatForgetsOnRestartAppliesTheEffectTwiceAndTheRunCountsIt() throws SQLException {
        // The in-memory store before and after a kill -9: the second process remembers nothing.
        handleForgetfully(InMemoryIdempotencyStore.create(), "m-1");
        handleForgetfully(InMemoryIdempotencyStore.create(), "m-1");

        Verdict verdict = InvariantChecker.builder().acknowledged(List.of("m-1")).handled(List.of("m-1", "m-1"))
                .deadLettered(List.of()).effects(database.effectIds()).check();
        assertThat(verdict.effectiveDuplicates()).hasValue(1);
        assertThat(verdict.passed()).isFalse();
    }

    /** What DedupMiddleware and the fault handler do with a delivery that succeeds. */
    private static void handle(JdbcIdempotencyStore store, String id) throws SQLException {
        if (store.tryBegin(ROUTE, id) == Claim.ACQUIRED) {
            EffectDatabase.recordEffect(store.connection(), id, PID);
            store.complete(ROUTE, id);
        }
    }

    /** The same with a store that cannot share the effect's transaction: the effect commits on its own. */
    private void handleForgetfully(IdempotencyStore forgetful, String id) throws SQLException {
        if (forgetful.tryBegin(ROUTE, id) == Claim.ACQUIRED) {
            try (Connection connection = database.dataSource().getConnection()) {
                EffectDatabase.recordEffect(connection, id, PID);
            }
            forgetful.complete(ROUTE, id);
        }
    }
}
