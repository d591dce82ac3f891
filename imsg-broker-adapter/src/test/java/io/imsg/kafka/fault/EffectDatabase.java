package io.imsg.kafka.fault;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A fault run's database of handler effects, a file-based H2 database in the run directory that
 * every consuming child JVM shares: the {@link JdbcIdempotencyStore}'s claims and the
 * {@code effects} table, one row each time a {@link FaultConsumerMain} handler applied its effect.
 * {@code effects} has no key on the message id on purpose: an effect applied twice shows up as two
 * rows, which {@link #effectIds()} reports, instead of as a failed handling.
 *
 * <p><b>Who owns the file.</b> With {@code AUTO_SERVER=TRUE} the first process to open the file
 * serves it to the others over TCP. The test JVM {@link #create creates} it before any child starts
 * and keeps it open for the whole run, so the database outlives every consumer the test kills or
 * freezes, as a real database server would; children {@link #join} with {@code IFEXISTS=TRUE}, so
 * a child never creates one of its own. Because the owner is never killed, H2's default write delay
 * loses nothing here.
 *
 * <p>The lock timeout is long on purpose: a delivery that finds its message claimed by a frozen
 * member waits for the thaw (twice the session timeout) and then sees the claim committed or rolled
 * back, instead of failing with {@code IN_PROGRESS}, which these runs would dead-letter.
 */
final class EffectDatabase implements AutoCloseable {

    private static final String EFFECTS = """
            CREATE TABLE IF NOT EXISTS effects (
                message_id VARCHAR   NOT NULL,
                pid        BIGINT    NOT NULL,
                applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL);
            """;
    /** Well past a freeze of twice the session timeout (12 s in the fault runs). */
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);

    private final JdbcDataSource dataSource;
    /**
     * In the process that created the database, a connection held until {@link #close}: H2 closes a
     * database, and stops serving it, when its last connection closes. Null in a child, whose
     * connections end with its process.
     */
    private final Connection anchor;

    private EffectDatabase(JdbcDataSource dataSource, Connection anchor) {
        this.dataSource = dataSource;
        this.anchor = anchor;
    }

    /** Creates the run's database in {@code runDir}, with its tables; this process serves it to the children. */
    static EffectDatabase create(Path runDir) {
        return create(runDir, LOCK_TIMEOUT);
    }

    /** As {@link #create(Path)}, with this process's sessions giving up on a lock after {@code lockTimeout}. */
    static EffectDatabase create(Path runDir, Duration lockTimeout) {
        JdbcDataSource dataSource = dataSource(url(runDir, false, lockTimeout));
        try {
            Connection anchor = dataSource.getConnection();
            try (Statement statement = anchor.createStatement()) {
                statement.execute(JdbcIdempotencyStore.SCHEMA);
                statement.execute(EFFECTS);
            } catch (SQLException e) {
                anchor.close();
                throw e;
            }
            return new EffectDatabase(dataSource, anchor);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the effect database in " + runDir, e);
        }
    }

    /** Opens the database the test {@link #create created} in {@code runDir}. */
    static EffectDatabase join(Path runDir) {
        return new EffectDatabase(dataSource(url(runDir, true, LOCK_TIMEOUT)), null);
    }

    /** Unpooled: the store keeps one connection per worker thread, and reading the effects needs one. */
    private static JdbcDataSource dataSource(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("imsg");
        return dataSource;
    }

    private static String url(Path runDir, boolean mustExist, Duration lockTimeout) {
        return "jdbc:h2:file:" + runDir.toAbsolutePath().resolve("effects") + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT="
                + lockTimeout.toMillis() + (mustExist ? ";IFEXISTS=TRUE" : "");
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Records that {@code messageId}'s effect was applied by {@code pid}, in the caller's transaction. */
    static void recordEffect(Connection connection, String messageId, long pid) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO effects (message_id, pid) VALUES (?, ?)")) {
            insert.setString(1, messageId);
            insert.setLong(2, pid);
            insert.executeUpdate();
        }
    }

    /** The message id of every effect row, with repetitions: E, for the invariant checker. */
    List<String> effectIds() {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT message_id FROM effects")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the effect database", e);
        }
        return ids;
    }

    /** In the creating process: shuts the database down, ending every session still open on it. */
    @Override
    public void close() {
        if (anchor == null) {
            return;
        }
        try (Connection last = anchor; Statement statement = last.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the effect database", e);
        }
    }
}
