package io.imsg.api;

import org.apache.avro.specific.SpecificRecord;

/**
 * Wraps a route's handler once, when the route is built. The first middleware added is the
 * outermost. Middleware sees the erased {@code Handler<SpecificRecord>} so that one lambda can
 * serve every route; the router adapts typed handlers when they are registered.
 *
 * <pre>{@code
 * Middleware logging = (route, next) -> (message, context) -> {
 *     log.debug("{} handling {}", route.name(), message.id());
 *     next.handle(message, context);
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Middleware {

    Handler<SpecificRecord> wrap(RouteInfo route, Handler<SpecificRecord> next);
}
