package io.imsg.handler.idempotency;

import io.imsg.api.Handler;
import io.imsg.api.Middleware;
import io.imsg.api.RouteInfo;
import io.imsg.api.idempotency.IdempotencyStore;
import io.imsg.api.metrics.MeterTags;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * Runs a route's handler at most once per message id, as far as its {@link IdempotencyStore}
 * remembers: the store is keyed by the route name and {@code Message.id()}, so two routes handling
 * one message each run once.
 *
 * <ul>
 *   <li>An id already completed on the route: the handler is skipped, the delivery succeeds (its
 *       offset can be committed) and {@value #DEDUPLICATED} counts it, tagged route, topic and type,
 *       in the registry given here, never Micrometer's global one.</li>
 *   <li>A new id: the handler runs. When it throws, the id is abandoned and the very same
 *       exception is rethrown, so a retry can claim the id again. When it returns, the id is
 *       completed once the delivery settles with every output acknowledged ({@code
 *       Context.onSettled}), and abandoned if the delivery settles otherwise.</li>
 *   <li>An id being handled right now by another delivery: the handler is not run and the delivery
 *       fails with the retryable {@link DuplicateInProgressException}; a later attempt finds the id
 *       completed or free again.</li>
 * </ul>
 *
 * <p><b>Where it goes.</b> Inside in-process retry and timeouts, nearest the handler: each attempt
 * then makes its own claim, which a transactional store needs so that a failed attempt's writes are
 * rolled back before the next one, and the handler stays on the thread that made the claim. Metrics
 * outside it count a skipped duplicate as a success.
 *
 * <p><b>Messages the handler emits</b> are published after the whole chain returns, and the id is
 * completed only after they were acknowledged. A crash in between leaves the id in progress in a
 * durable store's open transaction (rolled back with the effects) or, in memory, gone with the
 * process: either way the redelivery runs the handler again and the outputs are sent.
 *
 * <pre>{@code
 * Router router = Router.builder()
 *         .use(MetricsMiddleware.create(meterRegistry))
 *         .use(DedupMiddleware.create(InMemoryIdempotencyStore.create(), meterRegistry))
 *         .route("reserve-stock", "orders", OrderPlaced.class, reserveStock)
 *         .build();
 * }</pre>
 */
public final class DedupMiddleware implements Middleware {

    /** Counter of deliveries skipped as duplicates, tagged route, topic and type. */
    public static final String DEDUPLICATED = "imsg.messages.deduplicated";

    private final IdempotencyStore store;
    private final MeterRegistry registry;

    private DedupMiddleware(IdempotencyStore store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    /** Deduplicates with {@code store}, counting skipped duplicates in {@code registry}. */
    public static DedupMiddleware create(IdempotencyStore store, MeterRegistry registry) {
        Objects.requireNonNull(store, "store must not be null");
        Objects.requireNonNull(registry, "registry must not be null");
        return new DedupMiddleware(store, registry);
    }

    @Override
    public Handler<SpecificRecord> wrap(RouteInfo route, Handler<SpecificRecord> next) {
        Objects.requireNonNull(route, "route must not be null");
        Objects.requireNonNull(next, "next handler must not be null");
        // Registered when the route is built, so dashboards show a zero before the first duplicate.
        Counter deduplicated = Counter.builder(DEDUPLICATED)
                .description("Deliveries skipped because their message id was already handled on the route")
                .tag(MeterTags.ROUTE, route.name())
                .tag(MeterTags.TOPIC, route.topic())
                .tag(MeterTags.TYPE, route.messageType())
                .register(registry);
        return new DeduplicatingHandler(store, route.name(), deduplicated, next);
    }

    public IdempotencyStore store() {
        return store;
    }

    @Override
    public String toString() {
        return "DedupMiddleware[" + store + "]";
    }
}
