package io.imsg.handler;

import io.imsg.api.Handler;
import io.imsg.api.Middleware;
import io.imsg.api.RouteInfo;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Wraps a handler in middleware, once per route, first in the list outermost. */
final class MiddlewareChain {

    private MiddlewareChain() {}

    static Handler<SpecificRecord> wrap(RouteInfo route, Handler<SpecificRecord> handler, List<Middleware> chain) {
        Handler<SpecificRecord> wrapped = handler;
        // Wrapping from the innermost out leaves the first middleware as the outermost layer.
        for (int i = chain.size() - 1; i >= 0; i--) {
            Middleware middleware = chain.get(i);
            wrapped = middleware.wrap(route, wrapped);
            if (wrapped == null) {
                throw new IllegalStateException("middleware " + middleware + " returned a null handler for route '"
                        + route.name() + "'; a middleware must return a handler, at least the one it was given");
            }
        }
        return wrapped;
    }
}
