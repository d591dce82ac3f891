package io.imsg.handler;

import io.imsg.api.Handler;
import io.imsg.api.Messages;
import io.imsg.api.Middleware;
import io.imsg.api.RouteInfo;
import io.imsg.api.TopicNames;
import io.imsg.schema.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One route before it is built: a topic, the Avro payload class it accepts, a typed handler, an
 * optional explicit name and middleware of its own. Immutable; {@link #named} and {@link #with}
 * return new specs. Every argument is checked when it is given, so a bad route fails on the line
 * that declares it.
 *
 * <p>The name defaults to {@code "<topic>:<Avro simple name>"}, e.g. {@code "orders:OrderPlaced"}.
 * It tags metrics and dead-letter headers, so give a route an explicit name when that default
 * says too little or would collide.
 *
 * <p>Route middleware runs inside the router's middleware (nearer the handler); among themselves
 * the first added is the outermost.
 *
 * <pre>{@code
 * RouteSpec<OrderPlaced> reserve = RouteSpec.of("orders", OrderPlaced.class, reserveStock)
 *         .named("reserve-stock")
 *         .with(auditMiddleware);
 * Router router = Router.builder().route(reserve).build();
 * }</pre>
 *
 * @param <T> the Avro payload type
 */
public final class RouteSpec<T extends SpecificRecord> {

    private final String name;
    private final String topic;
    private final Class<T> payloadType;
    private final Handler<T> handler;
    private final List<Middleware> middleware;
    private final Priority maxPriority;

    private RouteSpec(String name, String topic, Class<T> payloadType, Handler<T> handler,
            List<Middleware> middleware, Priority maxPriority) {
        this.name = name;
        this.topic = topic;
        this.payloadType = payloadType;
        this.handler = handler;
        this.middleware = List.copyOf(middleware);
        this.maxPriority = maxPriority;
    }

    /**
     * A route for {@code payloadType} messages on {@code topic}, with the default name.
     *
     * @throws IllegalArgumentException if the topic is not a legal Kafka topic name or the class is
     *     not an Avro-generated record
     * @throws NullPointerException if {@code handler} is null
     */
    public static <T extends SpecificRecord> RouteSpec<T> of(String topic, Class<T> payloadType, Handler<T> handler) {
        TopicNames.requireLegal(topic);
        String simpleName = Messages.schemaOf(payloadType).getName();
        Objects.requireNonNull(handler, "handler must not be null");
        return new RouteSpec<>(topic + ":" + simpleName, topic, payloadType, handler, List.of(), Priority.HIGH);
    }

    /** This route under an explicit name, unique within a router. */
    public RouteSpec<T> named(String routeName) {
        if (routeName == null || routeName.isBlank()) {
            throw new IllegalArgumentException("route name must not be blank");
        }
        return new RouteSpec<>(routeName, topic, payloadType, handler, middleware, maxPriority);
    }

    /** This route with {@code routeMiddleware} added inside the middleware it already has. */
    public RouteSpec<T> with(Middleware routeMiddleware) {
        Objects.requireNonNull(routeMiddleware, "middleware must not be null (route '" + name + "')");
        List<Middleware> more = new ArrayList<>(middleware);
        more.add(routeMiddleware);
        return new RouteSpec<>(name, topic, payloadType, handler, more, maxPriority);
    }

    /**
     * This route granting at most {@code cap}: a message claiming a higher priority is handled as
     * {@code cap}, its metrics and outputs too. The default, HIGH, caps nothing.
     */
    public RouteSpec<T> maxPriority(Priority cap) {
        Objects.requireNonNull(cap, "maxPriority must not be null (route '" + name + "')");
        return new RouteSpec<>(name, topic, payloadType, handler, middleware, cap);
    }

    public Priority maxPriority() {
        return maxPriority;
    }

    public String name() {
        return name;
    }

    public String topic() {
        return topic;
    }

    public Class<T> payloadType() {
        return payloadType;
    }

    /** The route's own middleware, outermost first. */
    public List<Middleware> middleware() {
        return middleware;
    }

    RouteInfo info() {
        return new RouteInfo(name, topic, payloadType);
    }

    /** The typed handler adapted to the erased shape middleware works on. */
    Handler<SpecificRecord> erasedHandler() {
        return new TypedHandler<>(name, payloadType, handler);
    }

    @Override
    public String toString() {
        return "RouteSpec[" + name + ": " + topic + " / " + payloadType.getName() + "]";
    }
}
