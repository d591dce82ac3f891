package io.imsg.api.spi;

import io.imsg.api.Handler;
import io.imsg.api.RouteInfo;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * What a {@link Subscriber} needs from the router: which topics to read, which payload classes to
 * decode into, and the fully wrapped handler of each route. Immutable and thread-safe.
 */
public interface RouteTable {

    Set<String> topics();

    Set<Class<? extends SpecificRecord>> payloadTypes();

    Optional<Route> find(String topic, String messageType);

    /** Message types routed on {@code topic}, for error messages. */
    Set<String> typesOn(String topic);

    /** A route with its handler already wrapped in every middleware. */
    record Route(RouteInfo info, Handler<SpecificRecord> handler) {}
}
