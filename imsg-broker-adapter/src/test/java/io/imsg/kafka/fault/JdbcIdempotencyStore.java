package io.imsg.kafka.fault;

import io.imsg.api.failure.RetryableException;
import io.imsg.api.idempotency.Claim;
import io.imsg.api.idempotency.IdempotencyStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The durable store {@link IdempotencyStore}'s javadoc describes, for the fault tests: a claim is a
 * row of {@code imsg_processed} inserted in a transaction of its own, the handler writes its effect
 * through {@link #connection()} in that same transaction, {@link #complete} commits both and
 * {@link #abandon} rolls both back. A {@code kill -9} between the two therefore loses the effect
 * together with the claim, and the redelivery starts clean.
 *
 * <p>The primary key decides between concurrent duplicates: an insert waits for the holder's
 * transaction and fails with a duplicate key if the holder committed. A holder that stays away
 * longer than the database's lock timeout (a frozen process) makes this answer
 * {@link Claim#IN_PROGRESS}. The lock-timeout codes are H2's; this is test support, not a store
 * for every database.
 *
 * <p>The transaction is bound to the thread that called {@link #tryBegin}, which is where
 * {@code DedupMiddleware} runs the handler and, through {@code Context.onSettled}, ends the claim.
 * Each thread keeps its connection from one claim to the next (a fresh one after a failure): the
 * database is remote to the consuming processes, and opening a connection per message would cost
 * more round trips than the claim itself.
 */
final class JdbcIdempotencyStore implements IdempotencyStore {

    static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS imsg_processed (
                scope        VARCHAR(255) NOT NULL,
                message_id   VARCHAR(255) NOT NULL,
                completed_at TIMESTAMP    NOT NULL,
                PRIMARY KEY (scope, message_id));
            """;
    /** Ids longer than the column are kept as their SHA-256 (64 hex digits): truncating would merge ids. */
    private static final int MAX_ID_CHARS = 255;
    /** H2's "Timeout trying to lock table": the holder neither committed nor rolled back in time. */
    private static final int H2_LOCK_TIMEOUT = 50200;

    /** The claim this thread holds; its transaction is open on the thread's connection. */
    private record Held(String scope, String messageId) {}

    private final DataSource dataSource;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();
    private final ThreadLocal<Held> held = new ThreadLocal<>();

    JdbcIdempotencyStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The connection of this thread's claim: the handler writes its effects through it. */
    Connection connection() {
        if (held.get() == null) {
            throw new IllegalStateException("this thread holds no claim");
        }
        return connections.get();
    }

    @Override
    public Claim tryBegin(String scope, String messageId) {
        if (held.get() != null) {
            // One thread, one transaction: a second claim would share (and commit) the first one's effects.
            throw new IllegalStateException("this thread already holds the claim on " + held.get().messageId());
        }
        Connection connection = threadConnection(messageId);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO imsg_processed (scope, message_id, completed_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
            insert.setString(1, key(scope));
            insert.setString(2, key(messageId));
            insert.executeUpdate(); // waits while another transaction holds this key
        } catch (SQLException e) {
            rollbackOrDiscard(connection, e);
            if (isDuplicateKey(e)) {
                return Claim.ALREADY_COMPLETED;
            }
            if (e.getErrorCode() == H2_LOCK_TIMEOUT) {
                return Claim.IN_PROGRESS;
            }
            throw new RetryableException("could not claim message " + messageId, e);
        }
        held.set(new Held(scope, messageId));
        return Claim.ACQUIRED;
    }

    @Override
    public void complete(String scope, String messageId) {
        Connection connection = release(scope, messageId);
        try {
            connection.commit(); // the claim row and the effects, or neither
        } catch (SQLException e) {
            discard(connection, e);
            throw new IllegalStateException("could not complete message " + messageId
                    + "; its effects may not be recorded", e);
        }
    }

    @Override
    public void abandon(String scope, String messageId) {
        Connection connection = release(scope, messageId);
        try {
            connection.rollback(); // the row goes too, so a later delivery can claim again
        } catch (SQLException e) {
            discard(connection, e); // closing it rolls back, if anything is left to roll back
            throw new IllegalStateException("could not abandon message " + messageId, e);
        }
    }

    /** Ends this thread's claim on (scope, id), whatever happens next; throws if it holds another. */
    private Connection release(String scope, String messageId) {
        Held claim = held.get();
        if (claim == null || !claim.scope().equals(scope) || !claim.messageId().equals(messageId)) {
            throw new IllegalStateException("no claim held on " + messageId + " in scope " + scope);
        }
        held.remove();
        return connections.get();
    }

    private Connection threadConnection(String messageId) {
        Connection connection = connections.get();
        if (connection != null) {
            return connection;
        }
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new RetryableException("could not open a transaction for message " + messageId, e);
        }
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            discard(connection, e);
            throw new RetryableException("could not open a transaction for message " + messageId, e);
        }
        connections.set(connection);
        return connection;
    }

    private void rollbackOrDiscard(Connection connection, SQLException cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
            discard(connection, cause);
        }
    }

    /** Drops this thread's connection after a failure: it may be broken, so the next claim opens another. */
    private void discard(Connection connection, SQLException cause) {
        connections.remove();
        try {
            connection.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** A unique-key violation only: another integrity error is a bug, not a duplicate to skip. */
    private static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    static String key(String value) {
        if (value.length() <= MAX_ID_CHARS) {
            return value;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "JdbcIdempotencyStore[" + dataSource + "]";
    }
}
