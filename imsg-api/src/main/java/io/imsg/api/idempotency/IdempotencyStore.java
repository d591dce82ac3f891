package io.imsg.api.idempotency;

/**
 * Remembers which messages were already handled, so that a message Kafka delivers again has its
 * effects applied once. Entries are keyed by a <em>scope</em> and a message id: the dedup
 * middleware uses the route name as the scope, so two routes that both handle one message each do
 * so once. Implementations are thread-safe; one store serves every route and worker thread.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li>{@link #tryBegin} decides atomically, per (scope, id): {@link Claim#ALREADY_COMPLETED} if a
 *       claim on it was completed (and is still remembered); {@link Claim#IN_PROGRESS} if another
 *       caller holds the claim now; otherwise the caller takes the claim, {@link Claim#ACQUIRED}.
 *       Instead of answering {@code IN_PROGRESS} a store may wait until the holder ends its claim and
 *       then answer as if called afterwards. It never returns null. If it throws, nothing was
 *       claimed and the delivery fails like any handler failure, to be retried.</li>
 *   <li>Every {@code ACQUIRED} is ended by exactly one call of {@link #complete} (the effects were
 *       applied) or {@link #abandon} (they were not; a later delivery may claim again), made by the
 *       holder on the thread that called {@code tryBegin}. Either call ends the claim even when it
 *       throws. A {@code complete} that throws means the completion may not be recorded, so the
 *       caller must fail the delivery rather than acknowledge it. Ending a claim that is not held
 *       (never acquired, or already ended) throws {@link IllegalStateException}.</li>
 *   <li>A duplicate that finds the id {@code IN_PROGRESS} must neither run the handler (it would run
 *       twice, concurrently) nor be acknowledged as done (the holder may still fail): it is retried.</li>
 * </ul>
 *
 * <p><b>Crash between the effect and {@code complete}.</b> Only a store that records the completion
 * in the same transaction as the handler's effects makes them happen exactly once: a crash before
 * the commit loses both, and the redelivery starts clean; a crash after it keeps both, and the
 * redelivery is skipped. A store that cannot share the effect's transaction, like the in-memory
 * default ({@code io.imsg.handler.idempotency.InMemoryIdempotencyStore}), is best-effort: an effect
 * whose completion was not yet recorded, or that the store forgot (a restart, an eviction, another
 * instance of the service), is applied again. A store must also not keep a crashed holder's claim
 * forever: an uncommitted row vanishes with its transaction; a store that writes in-progress marks
 * durably needs them to expire.
 *
 * <p><b>What is remembered, and for how long.</b> Ids arrive from the wire: non-blank, but of any
 * length the decoder allows. Keep a digest of a long id (SHA-256, say) rather than truncating it,
 * which would merge distinct ids. Remember a completed id at least as long as a duplicate can arrive:
 * the records left uncommitted at a crash or rebalance, the delays of retry topics, resends by
 * producers, redrives from the dead-letter topic.
 *
 * <h2>Writing a durable store</h2>
 *
 * Keep one row per handled message in the database the handler writes to, with the primary key
 * {@code (scope, message_id)}; insert it in {@code tryBegin} inside a new transaction, let the
 * handler write its effects in that same transaction, commit in {@code complete}, roll back in
 * {@code abandon}. The primary key does the rest: a concurrent duplicate's insert waits for the
 * holder's transaction, then fails with a duplicate key ({@code ALREADY_COMPLETED}) if the holder
 * committed, or succeeds ({@code ACQUIRED}) if it rolled back. On a database that gives up waiting
 * with a lock timeout, answer {@code IN_PROGRESS}. Purge rows older than the redelivery window.
 *
 * <pre>{@code
 * CREATE TABLE imsg_processed (
 *     scope        VARCHAR(255) NOT NULL,  -- the route name
 *     message_id   VARCHAR(255) NOT NULL,  -- longer ids stored as their SHA-256
 *     completed_at TIMESTAMP    NOT NULL,  -- for purging
 *     PRIMARY KEY (scope, message_id));
 *
 * public final class JdbcIdempotencyStore implements IdempotencyStore {
 *     private final DataSource dataSource;
 *     private final ThreadLocal<Connection> claimed = new ThreadLocal<>();
 *
 *     // The handler writes its effects through this connection, so they commit with the row.
 *     public Connection connection() {
 *         return Objects.requireNonNull(claimed.get(), "this thread holds no claim");
 *     }
 *
 *     public Claim tryBegin(String scope, String messageId) {
 *         Connection connection = openWithoutAutoCommit();
 *         try (PreparedStatement insert = connection.prepareStatement("INSERT INTO imsg_processed"
 *                 + " (scope, message_id, completed_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
 *             insert.setString(1, scope);
 *             insert.setString(2, messageId);
 *             insert.executeUpdate();           // waits while another transaction holds this key
 *         } catch (SQLException e) {
 *             rollbackAndClose(connection);
 *             if (isDuplicateKey(e)) {          // SQLState class "23"
 *                 return Claim.ALREADY_COMPLETED;
 *             }
 *             throw new RetryableException("could not claim message " + messageId, e);
 *         }
 *         claimed.set(connection);
 *         return Claim.ACQUIRED;
 *     }
 *
 *     public void complete(String scope, String messageId) {
 *         end(Connection::commit);              // the row and the effects, or neither
 *     }
 *
 *     public void abandon(String scope, String messageId) {
 *         end(Connection::rollback);            // the row goes too, so a retry can claim again
 *     }
 *
 *     // openWithoutAutoCommit, rollbackAndClose, isDuplicateKey and end (run the action, then
 *     // close the connection and clear the thread-local, whatever happens) are left out.
 * }
 *
 * // The handler takes part in the claim's transaction:
 * Router router = Router.builder()
 *         .use(retry)                                            // each attempt: its own transaction
 *         .use(DedupMiddleware.create(store, meterRegistry))
 *         .route("reserve-stock", "orders", OrderPlaced.class, (message, context) ->
 *                 reserve(store.connection(), message.payload()))
 *         .build();
 * }</pre>
 *
 * <p>Because the transaction is bound to the thread, nothing between the dedup middleware and the
 * handler may move the handler to another thread, and the dedup middleware belongs inside any
 * in-process retry, so that a failed attempt's partial writes are rolled back before the next one.
 */
public interface IdempotencyStore {

    /**
     * Claims {@code messageId} within {@code scope} if it is neither completed nor claimed.
     *
     * @param scope what the id is unique within, the route name for the dedup middleware; not blank
     * @param messageId the message's id ({@code Message.id()}); not blank
     * @return never null; see {@link Claim}
     */
    Claim tryBegin(String scope, String messageId);

    /**
     * Ends this caller's claim: the effects were applied, and later deliveries of the id within the
     * scope find it {@link Claim#ALREADY_COMPLETED}.
     *
     * @throws IllegalStateException if the claim is not held (never acquired, or already ended)
     */
    void complete(String scope, String messageId);

    /**
     * Ends this caller's claim without completing it: the effects were not applied (the handler
     * failed), and a later delivery may claim the id again.
     *
     * @throws IllegalStateException if the claim is not held (never acquired, or already ended)
     */
    void abandon(String scope, String messageId);
}
