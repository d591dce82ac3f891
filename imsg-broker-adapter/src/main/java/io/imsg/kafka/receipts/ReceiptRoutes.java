package io.imsg.kafka.receipts;

import io.imsg.api.Middleware;
import io.imsg.api.spi.RouteTable;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * A route table whose every handler is wrapped, outermost, in one more middleware; how
 * {@code KafkaMessaging} adds {@link ReceiptMiddleware} to routes the application built. Each
 * route is wrapped once, the first time it is found, as middleware expects.
 */
public final class ReceiptRoutes implements RouteTable {

    private final RouteTable routes;
    private final Middleware outermost;
    private final Map<Route, Route> wrapped = new ConcurrentHashMap<>();

    public ReceiptRoutes(RouteTable routes, Middleware outermost) {
        this.routes = Objects.requireNonNull(routes, "routes");
        this.outermost = Objects.requireNonNull(outermost, "outermost");
    }

    @Override
    public Set<String> topics() {
        return routes.topics();
    }

    @Override
    public Set<Class<? extends SpecificRecord>> payloadTypes() {
        return routes.payloadTypes();
    }

    @Override
    public Optional<Route> find(String topic, String messageType) {
        return routes.find(topic, messageType).map(route -> wrapped.computeIfAbsent(route,
                r -> new Route(r.info(), outermost.wrap(r.info(), r.handler()))));
    }

    @Override
    public Set<String> typesOn(String topic) {
        return routes.typesOn(topic);
    }
}
