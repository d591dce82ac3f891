package io.imsg.guice;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import io.imsg.api.Messages;
import io.imsg.api.Middleware;
import io.imsg.handler.RouteSpec;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * How a service's own modules contribute to {@link ImsgModule}: routes, middleware and the payload
 * types the service publishes. Every method only records a binding, so it is safe to call from any
 * module's {@code configure()}, in any number of modules; the contributions are collected into
 * sets that {@link ImsgModule} reads.
 *
 * <pre>{@code
 * final class InventoryModule extends AbstractModule {
 *     protected void configure() {
 *         install(new ImsgModule());
 *         ImsgBindings.addRoute(binder(), RouteSpec.of("orders", OrderPlaced.class, reserveStock));
 *         ImsgBindings.addMiddleware(binder(), auditMiddleware);
 *         ImsgBindings.publishes(binder(), InventoryReserved.class, InventoryRejected.class);
 *     }
 *
 *     // A route whose handler needs injected collaborators: a provider method into the same set.
 *     @ProvidesIntoSet
 *     RouteSpec<?> confirm(Catalog catalog) {
 *         return RouteSpec.of("payments", PaymentTaken.class, new Confirm(catalog));
 *     }
 * }
 * }</pre>
 *
 * <p><b>Order.</b> A {@link Multibinder} set iterates in binding order. Within one module that is
 * the order of the calls; across modules it follows the order Guice sees the modules, which no
 * public API pins down. Middleware that must run in a fixed order should therefore be bound by
 * one module. (Routes are looked up by topic and type, so their order does not matter.)
 */
public final class ImsgBindings {

    private static final TypeLiteral<RouteSpec<?>> ROUTE = new TypeLiteral<>() {};
    private static final TypeLiteral<Class<? extends SpecificRecord>> PAYLOAD_TYPE = new TypeLiteral<>() {};

    private ImsgBindings() {}

    /** The set of routes; add to it with {@code addBinding()} or {@code @ProvidesIntoSet RouteSpec<?>}. */
    public static Multibinder<RouteSpec<?>> routes(Binder binder) {
        return Multibinder.newSetBinder(binder, ROUTE);
    }

    /**
     * The set of router-wide middleware, outermost first, all inside iMSG's metrics middleware (see
     * {@link ImsgModule}); add to it with {@code addBinding()} or {@code @ProvidesIntoSet Middleware}.
     */
    public static Multibinder<Middleware> middleware(Binder binder) {
        return Multibinder.newSetBinder(binder, Middleware.class);
    }

    /**
     * The payload classes this service publishes, so that their schemas go to the schema topic when
     * the service starts; routed types go there anyway. Annotated {@link PublishedTypes}.
     */
    public static Multibinder<Class<? extends SpecificRecord>> publishedTypes(Binder binder) {
        return Multibinder.newSetBinder(binder, PAYLOAD_TYPE, PublishedTypes.class);
    }

    /** Adds a route whose handler exists when the module is configured. */
    public static void addRoute(Binder binder, RouteSpec<?> route) {
        routes(binder).addBinding().toInstance(Objects.requireNonNull(route, "route must not be null"));
    }

    /** Adds router-wide middleware after (inside) the middleware this module bound before. */
    public static void addMiddleware(Binder binder, Middleware middleware) {
        middleware(binder).addBinding().toInstance(Objects.requireNonNull(middleware, "middleware must not be null"));
    }

    /** Declares payload classes this service publishes; see {@link #publishedTypes(Binder)}. */
    @SafeVarargs
    public static void publishes(Binder binder, Class<? extends SpecificRecord>... payloadTypes) {
        Multibinder<Class<? extends SpecificRecord>> published = publishedTypes(binder);
        for (Class<? extends SpecificRecord> type : payloadTypes) {
            Objects.requireNonNull(type, "published payload type must not be null");
            Messages.schemaOf(type); // when the module is configured, not when the service is built
            published.addBinding().toInstance(type);
        }
    }
}
