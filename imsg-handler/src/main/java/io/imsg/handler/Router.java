package io.imsg.handler;

import io.imsg.handler.priority.PriorityCap;

import io.imsg.api.Handler;
import io.imsg.api.Middleware;
import io.imsg.api.RouteInfo;
import io.imsg.api.spi.RouteTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * The routes of a service: which handler gets a message, found by topic and message type (the Avro
 * full name of the payload). Immutable and thread-safe once built; {@link #find} is two hash
 * lookups, since it runs for every record.
 *
 * <p>Middleware wraps each route's handler exactly once, in {@link Builder#build()}, never per
 * message. The first middleware given to {@link Builder#use} is the outermost and applies to every
 * route; a route's own middleware ({@link RouteSpec#with}) runs inside it, nearer the handler.
 *
 * <pre>{@code
 * Router router = Router.builder()
 *         .use(metrics)                                        // outermost, every route
 *         .route("orders", OrderPlaced.class, reserveStock)    // named "orders:OrderPlaced"
 *         .route("audit-orders", "orders-audit", OrderPlaced.class, audit)
 *         .route(RouteSpec.of("inventory", InventoryReserved.class, confirm).with(audit))
 *         .build();
 * }</pre>
 *
 * <p>{@code build()} rejects, with a message naming the setting: no routes, two routes for one
 * topic and type, two routes with one name, illegal Kafka topic names, classes that are not
 * Avro-generated records, null handlers or middleware, and middleware that returns null.
 */
public final class Router implements RouteTable {

    private final List<Route> routes;
    private final Map<String, Map<String, Route>> byTopicAndType;
    private final Set<String> topics;
    private final Set<Class<? extends SpecificRecord>> payloadTypes;

    private Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
        Map<String, Map<String, Route>> index = new LinkedHashMap<>();
        Set<Class<? extends SpecificRecord>> types = new LinkedHashSet<>();
        for (Route route : routes) {
            RouteInfo info = route.info();
            index.computeIfAbsent(info.topic(), topic -> new LinkedHashMap<>()).put(info.messageType(), route);
            types.add(info.payloadType());
        }
        Map<String, Map<String, Route>> frozen = new LinkedHashMap<>();
        index.forEach((topic, byType) -> frozen.put(topic, Collections.unmodifiableMap(byType)));
        this.byTopicAndType = Collections.unmodifiableMap(frozen);
        this.topics = Collections.unmodifiableSet(new LinkedHashSet<>(frozen.keySet()));
        this.payloadTypes = Collections.unmodifiableSet(types);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every topic with at least one route, in the order routes were added. */
    @Override
    public Set<String> topics() {
        return topics;
    }

    @Override
    public Set<Class<? extends SpecificRecord>> payloadTypes() {
        return payloadTypes;
    }

    /** The route for {@code messageType} on {@code topic}; empty when there is none or either is null. */
    @Override
    public Optional<Route> find(String topic, String messageType) {
        if (topic == null || messageType == null) {
            return Optional.empty();
        }
        Map<String, Route> byType = byTopicAndType.get(topic);
        return byType == null ? Optional.empty() : Optional.ofNullable(byType.get(messageType));
    }

    @Override
    public Set<String> typesOn(String topic) {
        Map<String, Route> byType = topic == null ? null : byTopicAndType.get(topic);
        return byType == null ? Set.of() : byType.keySet();
    }

    /** Every route with its wrapped handler, in the order they were added. */
    public List<Route> routes() {
        return routes;
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        for (Route route : routes) {
            names.add(route.info().name() + "=" + route.info().topic() + "/" + route.info().messageType());
        }
        return "Router" + names;
    }

    /** Collects middleware and routes; not thread-safe. Each {@link #build()} makes an independent router. */
    public static final class Builder {

        private final List<Middleware> middleware = new ArrayList<>();
        private final List<RouteSpec<?>> specs = new ArrayList<>();

        private Builder() {}

        /** Adds middleware for every route; the first added is the outermost. */
        public Builder use(Middleware routerMiddleware) {
            middleware.add(Objects.requireNonNull(routerMiddleware, "middleware must not be null"));
            return this;
        }

        /** Routes {@code payloadType} messages on {@code topic} to {@code handler}, named {@code "<topic>:<type>"}. */
        public <T extends SpecificRecord> Builder route(String topic, Class<T> payloadType, Handler<T> handler) {
            return route(RouteSpec.of(topic, payloadType, handler));
        }

        /** Routes {@code payloadType} messages on {@code topic} to {@code handler} under {@code name}. */
        public <T extends SpecificRecord> Builder route(String name, String topic, Class<T> payloadType,
                Handler<T> handler) {
            return route(RouteSpec.of(topic, payloadType, handler).named(name));
        }

        public Builder route(RouteSpec<?> spec) {
            specs.add(Objects.requireNonNull(spec, "route spec must not be null"));
            return this;
        }

        /**
         * Checks the routes, then wraps each route's handler in the middleware, once.
         *
         * @throws IllegalArgumentException if there are no routes, or routes collide by topic and
         *     type or by name
         * @throws IllegalStateException if a middleware returns a null handler
         */
        public Router build() {
            if (specs.isEmpty()) {
                throw new IllegalArgumentException(
                        "at least one route is required; add one with route(topic, payloadType, handler)");
            }
            List<RouteInfo> infos = new ArrayList<>(specs.size());
            for (RouteSpec<?> spec : specs) {
                infos.add(spec.info());
            }
            UniqueRoutes.check(infos);
            List<Route> routes = new ArrayList<>(specs.size());
            for (int i = 0; i < specs.size(); i++) {
                routes.add(wrap(specs.get(i), infos.get(i)));
            }
            return new Router(routes);
        }

        private Route wrap(RouteSpec<?> spec, RouteInfo info) {
            List<Middleware> chain = new ArrayList<>(middleware);
            chain.addAll(spec.middleware());
            // The cap goes outside every middleware, so metrics, retries and outputs all see the capped priority.
            return new Route(info, PriorityCap.wrap(spec.maxPriority(),
                    MiddlewareChain.wrap(info, spec.erasedHandler(), chain)));
        }
    }
}
