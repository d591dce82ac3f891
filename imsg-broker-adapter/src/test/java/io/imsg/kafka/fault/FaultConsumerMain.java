package io.imsg.kafka.fault;

import io.imsg.api.Context;
import io.imsg.api.Message;
import io.imsg.api.Middleware;
import io.imsg.api.failure.NonRetryableException;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.handler.idempotency.DedupMiddleware;
import io.imsg.kafka.KafkaMessaging;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.testkit.fault.FailurePlan;
import io.imsg.testkit.fault.Ledger;
import io.imsg.testkit.fault.LedgerWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consuming service for fault tests, run in a child JVM ({@link FaultConsumers#start}) so it can
 * be killed and frozen. Its one route fails as the seeded {@link FailurePlan} says (an
 * {@link IllegalStateException} for a transient failure, a {@link NonRetryableException} for a
 * permanent one); otherwise its effect is a row in the run's {@link EffectDatabase}, written in
 * the transaction of the {@link JdbcIdempotencyStore} claim that {@link DedupMiddleware} holds.
 *
 * <p>Outside the dedup middleware, every successful delivery appends
 * {@code <id> <pid> <partition> <offset> <epoch millis>} to the ledger {@code handled-<pid>},
 * skipped duplicates included: the ledger shows the raw duplicates Kafka delivered, the effect
 * rows what the store let through.
 *
 * <p>It runs until SIGTERM (a shutdown hook closes {@link KafkaMessaging} cleanly) or SIGKILL. If
 * its subscriber stops by itself, it exits with {@link #EXIT_SUBSCRIBER_DIED}, so a test that finds
 * it alive knows the consumer thread is alive too.
 */
public final class FaultConsumerMain {

    /** Exit status when the subscriber's poll thread stopped without being asked to. */
    static final int EXIT_SUBSCRIBER_DIED = 3;

    private static final Logger log = LoggerFactory.getLogger(FaultConsumerMain.class);
    private static final String ROUTE = "fault-route";

    private FaultConsumerMain() {}

    public static void main(String[] args) throws InterruptedException {
        FaultConsumerConfig config = FaultConsumerConfig.parse(args);
        String pid = Long.toString(ProcessHandle.current().pid());
        Ledger ledger = Ledger.in(config.ledgerDir());
        LedgerWriter handled = ledger.writer(FaultConsumers.HANDLED + "-" + pid);
        // Never closed: a kill -9 ends the process, and the database belongs to the test JVM.
        EffectDatabase effects = EffectDatabase.join(config.ledgerDir());
        JdbcIdempotencyStore store = new JdbcIdempotencyStore(effects.dataSource());
        KafkaMessaging messaging = messaging(config, router(config, store, handled, pid));
        AtomicBoolean closing = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closing.set(true);
            log.info("IMSG-9151 fault consumer {} closing on SIGTERM", pid);
            // The ledger stays open: a handler that outlives close() must still be able to record
            // its effect, and unbuffered appends need no close to reach the file.
            messaging.close();
        }, "fault-consumer-shutdown"));
        messaging.start();
        ledger.writer(FaultConsumers.READY + "-" + pid).append(pid);
        log.info("IMSG-9150 fault consumer {} consuming {} as group {}", pid, config.topic(), config.group());
        watchSubscriber(messaging, closing, pid);
    }

    private static Router router(FaultConsumerConfig config, JdbcIdempotencyStore store, LedgerWriter handled,
            String pid) {
        FailurePlan plan = config.plan();
        return Router.builder()
                .use(ledgered(handled, pid))
                .use(DedupMiddleware.create(store, new SimpleMeterRegistry()))
                .route(ROUTE, config.topic(), OrderPlaced.class, (Message<OrderPlaced> message, Context context) -> {
                    switch (plan.outcome(message.id(), context.attempt())) {
                        case PERMANENT -> throw new NonRetryableException("planned permanent failure of "
                                + message.id());
                        case TRANSIENT -> throw new IllegalStateException("planned transient failure of "
                                + message.id() + " at attempt " + context.attempt());
                        // Commits with the claim, when the delivery settles, or not at all.
                        case SUCCEED -> EffectDatabase.recordEffect(store.connection(), message.id(),
                                Long.parseLong(pid));
                    }
                }).build();
    }

    /** Appends every successful delivery to the ledger; the coordinates help read a kept ledger. */
    private static Middleware ledgered(LedgerWriter handled, String pid) {
        return (route, next) -> (message, context) -> {
            next.handle(message, context);
            handled.append(message.id(), pid, Integer.toString(context.origin().partition()),
                    Long.toString(context.origin().offset()), Long.toString(System.currentTimeMillis()));
        };
    }

    private static KafkaMessaging messaging(FaultConsumerConfig config, Router router) {
        KafkaSettings.Builder kafka = KafkaSettings.builder().bootstrapServers(config.bootstrapServers())
                .service("fault-consumer");
        config.clientProperties().forEach(kafka::clientProperty);
        SubscriberSettings settings = SubscriberSettings.builder(config.group())
                .maxPollRecords(config.maxPollRecords()).maxInFlight(config.maxInFlight())
                .commitInterval(FaultConsumerConfig.COMMIT_INTERVAL).build();
        return KafkaMessaging.builder(kafka.build()).routes(router, settings)
                .meterRegistry(new SimpleMeterRegistry()).build();
    }

    /** Halts the JVM if the subscriber dies on its own: a dead consumer must not look alive. */
    private static void watchSubscriber(KafkaMessaging messaging, AtomicBoolean closing, String pid)
            throws InterruptedException {
        while (true) {
            Thread.sleep(250);
            boolean running = messaging.subscriber().map(s -> s.isRunning()).orElse(false);
            if (!running && !closing.get()) {
                log.error("IMSG-9152 fault consumer {}: the subscriber stopped by itself; exiting", pid);
                Runtime.getRuntime().halt(EXIT_SUBSCRIBER_DIED);
            }
        }
    }
}
