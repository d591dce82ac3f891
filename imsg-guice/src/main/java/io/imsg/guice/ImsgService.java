package io.imsg.guice;

import com.google.inject.Inject;
import io.imsg.kafka.KafkaMessaging;
import io.imsg.kafka.consume.KafkaSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops one service's iMSG endpoint, a {@link KafkaMessaging}; one per injector (see
 * {@link ImsgModule}).
 *
 * <p>Contract:
 * <ul>
 *   <li>Construction creates no Kafka client; the configuration was checked before.
 *   <li>{@link #messaging()} builds the endpoint on its first call. Its producer connects to the
 *       cluster at once, in the background. Asking the injector for the {@code Publisher} or the
 *       {@code EnvelopeCodec} calls it.
 *   <li>{@link #start()} starts the endpoint: publishes the service's schemas to the schema topic,
 *       follows it, and consumes the routed topics (which must exist). Start once; if it throws,
 *       {@link #close()} still releases what was created.
 *   <li>{@link #close()} closes the endpoint: the subscriber first, which finishes in-flight handlers
 *       and commits, then the publisher and the schema topic. Idempotent; afterwards nothing can be
 *       built or started.
 * </ul>
 * Thread-safe.
 *
 * <pre>{@code
 * try (ImsgService service = injector.getInstance(ImsgService.class)) {
 *     service.start();
 *     service.messaging().publisher().publish("orders", Message.of(order));
 * }
 * }</pre>
 */
public final class ImsgService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImsgService.class);

    private final MessagingConfig config;
    private KafkaMessaging messaging;
    private boolean started;
    private boolean closed;

    @Inject
    ImsgService(MessagingConfig config) {
        this.config = config;
    }

    /** The service's endpoint, built on the first call. */
    public synchronized KafkaMessaging messaging() {
        requireOpen();
        if (messaging == null) {
            messaging = config.build();
        }
        return messaging;
    }

    /**
     * Starts the endpoint.
     *
     * @throws IllegalStateException if it was started or closed before
     */
    public synchronized void start() {
        requireOpen();
        if (started) {
            throw new IllegalStateException("iMSG service " + config.kafka().identity() + " was already started");
        }
        started = true;
        messaging().start();
        log.info("IMSG-4001 service {} started: {}", config.kafka().identity(), config.router()
                .map(router -> "group " + config.subscription().orElseThrow().groupId() + " consumes "
                        + router.topics())
                .orElse("publishing only, no routes"));
    }

    /** True once started and until closed; for a service with routes, while its subscriber consumes. */
    public synchronized boolean isRunning() {
        if (!started || closed) {
            return false;
        }
        return messaging.subscriber().map(KafkaSubscriber::isRunning).orElse(true);
    }

    /** Closes the endpoint, if it was built; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (messaging != null) {
            messaging.close();
            log.info("IMSG-4002 service {} closed", config.kafka().identity());
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("iMSG service " + config.kafka().identity() + " is closed");
        }
    }
}
