package io.imsg.handler.retry;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.imsg.api.Handler;
import io.imsg.api.Middleware;
import io.imsg.api.RouteInfo;
import io.imsg.api.failure.FailureClassifier;
import io.imsg.handler.metrics.MetricsMiddleware;
import io.imsg.handler.metrics.RouteMeters;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * Retries a failed message in process, a few times, with exponential backoff and jitter: the first
 * of iMSG's failure stages, for blips that pass in milliseconds (a busy database, a lost
 * connection). Built on Resilience4j: one {@link Retry} per route, named after the route, from a
 * {@link RetryRegistry} that is injected or created here.
 *
 * <p><b>Contract.</b> Only failures the {@link FailureClassifier} calls retryable are retried (an
 * {@link InterruptedException} never is); an {@link Error} is never caught. Each attempt after the
 * first runs with {@link io.imsg.api.Context#nextAttempt()} of the one that failed, so it sees
 * {@code attempt() + 1} and an empty output buffer, and only the outputs of the attempt that
 * succeeds are published: a retry never double-publishes. When no attempt succeeds, the last
 * failure is rethrown unchanged (the same instance), so what comes after (the dead-letter topic)
 * records the class the handler threw, and the attempt count is the last attempt's number. A
 * backoff that is interrupted (the subscriber shutting down) stops retrying and rethrows the last
 * failure with the interrupt flag set. Thread-safe; a route's handler may run on many threads.
 *
 * <p><b>Ordering.</b> In-process retry keeps per-key order: the retry runs on the worker that
 * holds the message's key, so later records of that key wait behind the retrying one, in order
 * (the subscriber's {@code Ordering.KEY} and {@code Ordering.PARTITION} modes alike). The price is
 * that the key, and its partition's commits, stall for the retry's duration, which is why
 * {@link RetryPolicy} bounds it; other keys keep flowing. Retry topics, the next stage, do not
 * block and so do not keep per-key order on their own.
 *
 * <p><b>Metrics.</b> Given the route's {@link MetricsMiddleware} ({@link Builder#metrics}), each
 * retry counts as {@code imsg.messages.handled{outcome=retry}} in the same series. Resilience4j's
 * own counters are on {@link #registry()}, for {@code TaggedRetryMetrics} from
 * {@code resilience4j-micrometer} if an application wants them.
 *
 * <pre>{@code
 * MetricsMiddleware metrics = MetricsMiddleware.create(meterRegistry);
 * RetryMiddleware retry = RetryMiddleware.builder(RetryPolicy.ofDefaults()).metrics(metrics).build();
 * Router router = Router.builder()
 *         .use(metrics)   // outermost: one success or failure per delivery
 *         .use(retry)
 *         .route("orders", OrderPlaced.class, reserveStock)
 *         .build();
 * }</pre>
 */
public final class RetryMiddleware implements Middleware {

    private final RetryPolicy policy;
    private final RetryRegistry registry;
    private final MetricsMiddleware metrics;
    private final RetryConfig config;

    private RetryMiddleware(Builder builder) {
        this.policy = builder.policy;
        this.registry = builder.registry != null ? builder.registry : RetryRegistry.ofDefaults();
        this.metrics = builder.metrics;
        FailureClassifier classifier = builder.classifier;
        this.config = RetryConfig.custom()
                .maxAttempts(policy.maxAttempts())
                .intervalFunction(policy.backoff())
                // An interrupt means "stop now" (shutdown), however the classifier sees the exception.
                .retryOnException(failure -> !(failure instanceof InterruptedException)
                        && classifier.isRetryable(failure))
                .build();
    }

    /** Retries with {@code policy}, the default classifier and a registry of its own, without iMSG metrics. */
    public static RetryMiddleware create(RetryPolicy policy) {
        return builder(policy).build();
    }

    public static Builder builder(RetryPolicy policy) {
        return new Builder(policy);
    }

    /**
     * Wraps {@code next} in the route's {@link Retry}.
     *
     * @throws IllegalStateException if the registry already holds a retry of the route's name
     *     configured by someone else: two policies for one route would be ambiguous
     */
    @Override
    public Handler<SpecificRecord> wrap(RouteInfo route, Handler<SpecificRecord> next) {
        Objects.requireNonNull(route, "route must not be null");
        Objects.requireNonNull(next, "next handler must not be null");
        RouteMeters meters = metrics == null ? null : metrics.metersFor(route);
        return new RetryingHandler(retryFor(route), meters, next);
    }

    private Retry retryFor(RouteInfo route) {
        Retry retry = registry.retry(route.name(), config);
        // The registry hands back an existing instance as is; only ours is known to follow the policy.
        if (retry.getRetryConfig() != config) {
            throw new IllegalStateException("the retry registry already holds a retry named '" + route.name()
                    + "' with another configuration; give the route another name, or share one RetryMiddleware");
        }
        return retry;
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** The registry holding one {@link Retry} per wrapped route, named after the route. */
    public RetryRegistry registry() {
        return registry;
    }

    @Override
    public String toString() {
        return "RetryMiddleware[" + policy + "]";
    }

    /** Settings of a {@link RetryMiddleware}; each setter checks its argument. */
    public static final class Builder {

        private final RetryPolicy policy;
        private FailureClassifier classifier = FailureClassifier.defaults();
        private RetryRegistry registry;
        private MetricsMiddleware metrics;

        private Builder(RetryPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy must not be null");
        }

        /** Which failures are worth another attempt (default {@link FailureClassifier#defaults()}). */
        public Builder classifier(FailureClassifier failureClassifier) {
            this.classifier = Objects.requireNonNull(failureClassifier, "classifier must not be null");
            return this;
        }

        /** Where the routes' {@link Retry} instances live (default: a new registry of this middleware's own). */
        public Builder registry(RetryRegistry retryRegistry) {
            this.registry = Objects.requireNonNull(retryRegistry, "registry must not be null");
            return this;
        }

        /** Counts each retry as outcome {@code retry} in these metrics' {@code imsg.messages.handled}. */
        public Builder metrics(MetricsMiddleware metricsMiddleware) {
            this.metrics = Objects.requireNonNull(metricsMiddleware, "metrics must not be null");
            return this;
        }

        public RetryMiddleware build() {
            return new RetryMiddleware(this);
        }
    }
}
