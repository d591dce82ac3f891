package io.imsg.kafka.fault;

import io.imsg.api.Context;
import io.imsg.api.Message;
import io.imsg.api.failure.NonRetryableException;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
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
 * permanent one) and appends {@code <id> <pid> <partition> <offset> <epoch millis>} to the
 * ledger {@code handled-<pid>} after every successful handling.
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
        KafkaMessaging messaging = messaging(config, router(config, handled, pid));
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

    private static Router router(FaultConsumerConfig config, LedgerWriter handled, String pid) {
        FailurePlan plan = config.plan();
        return Router.builder().route(ROUTE, config.topic(), OrderPlaced.class,
                (Message<OrderPlaced> message, Context context) -> {
                    switch (plan.outcome(message.id(), context.attempt())) {
                        case PERMANENT -> throw new NonRetryableException("planned permanent failure of "
                                + message.id());
                        case TRANSIENT -> throw new IllegalStateException("planned transient failure of "
                                + message.id() + " at attempt " + context.attempt());
                        // The effect; the coordinates are only for reading a kept ledger after a failure.
                        case SUCCEED -> handled.append(message.id(), pid,
                                Integer.toString(context.origin().partition()),
                                Long.toString(context.origin().offset()),
                                Long.toString(System.currentTimeMillis()));
                    }
                }).build();
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
