package io.imsg.handler;

import io.imsg.api.RouteInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rejects route sets that would be ambiguous: two routes for one topic and type (which would win?)
 * or two routes under one name (metrics and dead-letter headers could not tell them apart). Checked
 * before any middleware runs, so a bad router has no side effects such as registered meters.
 */
final class UniqueRoutes {

    private UniqueRoutes() {}

    static void check(List<RouteInfo> routes) {
        requireOneRoutePerTopicAndType(routes);
        requireUniqueNames(routes);
    }

    private static void requireOneRoutePerTopicAndType(List<RouteInfo> routes) {
        Map<String, RouteInfo> seen = new HashMap<>();
        for (RouteInfo route : routes) {
            // '\n' cannot occur in a legal topic name, so the composite key is unambiguous.
            RouteInfo earlier = seen.putIfAbsent(route.topic() + '\n' + route.messageType(), route);
            if (earlier != null) {
                throw new IllegalArgumentException("routes '" + earlier.name() + "' and '" + route.name()
                        + "' both handle " + route.messageType() + " on topic '" + route.topic()
                        + "'; a topic and message type may have only one route");
            }
        }
    }

    private static void requireUniqueNames(List<RouteInfo> routes) {
        Map<String, RouteInfo> seen = new HashMap<>();
        for (RouteInfo route : routes) {
            RouteInfo earlier = seen.putIfAbsent(route.name(), route);
            if (earlier != null) {
                throw new IllegalArgumentException("route name '" + route.name() + "' is used by two routes: "
                        + describe(earlier) + " and " + describe(route)
                        + "; route names must be unique, give one an explicit name with RouteSpec.named(...)"
                        + " or route(name, topic, payloadType, handler)");
            }
        }
    }

    private static String describe(RouteInfo route) {
        return route.messageType() + " on '" + route.topic() + "'";
    }
}
