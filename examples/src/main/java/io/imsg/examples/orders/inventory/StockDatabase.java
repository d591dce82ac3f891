package io.imsg.examples.orders.inventory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The inventory service's database: an embedded, file-based H2 database holding the stock of each
 * SKU and one row per handled order message, the idempotency record. Thread-safe; connections come
 * from a small pool.
 *
 * <p>Two settings in the URL matter. {@code WRITE_DELAY=0} writes every commit to the file at once
 * (H2 otherwise batches them for half a second, and a {@code kill -9} would lose commits whose
 * answers were already sent). {@code AUTO_SERVER=TRUE} lets a second process (the demo, or an
 * operator fixing the catalog) open the database while the service runs.
 *
 * <pre>{@code
 * try (StockDatabase db = StockDatabase.open(Path.of("work/inventory"))) {
 *     db.addSkus(Map.of("SKU-01", 100));
 *     Map<String, StockDatabase.StockLevel> stock = db.stock();
 * }
 * }</pre>
 */
public final class StockDatabase implements AutoCloseable {

    /** One SKU's stock: what it was given in total, and what is still available. */
    public record StockLevel(int initial, int available) {}

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS stock (
                sku           VARCHAR(64) PRIMARY KEY,
                initial_units INT NOT NULL,
                available     INT NOT NULL CHECK (available >= 0));
            CREATE TABLE IF NOT EXISTS processed_messages (
                message_id    VARCHAR(255) PRIMARY KEY,
                order_id      VARCHAR(255) NOT NULL,
                sku           VARCHAR(64)  NOT NULL,
                quantity      INT          NOT NULL,
                outcome       VARCHAR(16)  NOT NULL,
                remaining     INT          NOT NULL,
                reason        VARCHAR(255),
                processed_at  TIMESTAMP    DEFAULT CURRENT_TIMESTAMP NOT NULL);
            """;
    private static final int MAX_CONNECTIONS = 32;

    private final JdbcConnectionPool pool;

    private StockDatabase(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    /** Opens (creating it if needed) the database in {@code directory}, with its tables. */
    public static StockDatabase open(Path directory) {
        String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("inventory")
                + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "inventory", "");
        pool.setMaxConnections(MAX_CONNECTIONS);
        StockDatabase database = new StockDatabase(pool);
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(SCHEMA);
        } catch (SQLException e) {
            pool.dispose();
            throw new IllegalStateException("cannot open the inventory database at " + url + ": " + e.getMessage(), e);
        }
        return database;
    }

    /** A pooled connection, in auto-commit mode; close it to return it. */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Adds these SKUs with this stock; SKUs already in the catalog are left as they are. */
    public void addSkus(Map<String, Integer> unitsBySku) {
        String sql = "MERGE INTO stock t USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS INT))) s(sku, units)"
                + " ON t.sku = s.sku WHEN NOT MATCHED THEN INSERT VALUES (s.sku, s.units, s.units)";
        try (Connection connection = pool.getConnection(); PreparedStatement insert = connection.prepareStatement(sql)) {
            for (Map.Entry<String, Integer> sku : unitsBySku.entrySet()) {
                if (sku.getValue() < 0) {
                    throw new IllegalArgumentException("stock of " + sku.getKey() + " must be >= 0, was " + sku.getValue());
                }
                insert.setString(1, sku.getKey());
                insert.setInt(2, sku.getValue());
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot add SKUs to the inventory database: " + e.getMessage(), e);
        }
    }

    /** Every SKU's stock, in SKU order. */
    public Map<String, StockLevel> stock() {
        Map<String, StockLevel> stock = new TreeMap<>();
        query("SELECT sku, initial_units, available FROM stock",
                row -> stock.put(row.getString(1), new StockLevel(row.getInt(2), row.getInt(3))));
        return stock;
    }

    /** Units reserved per SKU according to the idempotency records, in SKU order. */
    public Map<String, Integer> reservedBySku() {
        Map<String, Integer> reserved = new TreeMap<>();
        query("SELECT sku, SUM(quantity) FROM processed_messages WHERE outcome = 'RESERVED' GROUP BY sku",
                row -> reserved.put(row.getString(1), row.getInt(2)));
        return reserved;
    }

    /** Orders with more than one idempotency record: each would have been reserved twice. */
    public int ordersRecordedTwice() {
        int[] count = {0};
        query("SELECT COUNT(*) FROM (SELECT order_id FROM processed_messages GROUP BY order_id HAVING COUNT(*) > 1)",
                row -> count[0] = row.getInt(1));
        return count[0];
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private void query(String sql, RowReader reader) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                reader.read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the inventory database: " + e.getMessage(), e);
        }
    }

    /** Closes the pooled connections; the database closes with the last one. */
    @Override
    public void close() {
        pool.dispose();
    }
}
