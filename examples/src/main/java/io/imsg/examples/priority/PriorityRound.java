package io.imsg.examples.priority;

import io.imsg.api.Message;
import io.imsg.api.spi.Publisher;
import io.imsg.examples.load.Pacer;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.kafka.KafkaMessaging;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.publish.PublisherSettings;
import io.imsg.schema.Priority;
import io.imsg.testkit.EmbeddedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One round: produce the NORMAL backlog, start a consuming service, send the HIGH messages paced
 * once a twentieth of the backlog is handled (one every 0.2 ms), and wait until everything is handled. Latency is taken
 * at handler start, from the message's created-at (stamped when it was built, just before sending).
 */
final class PriorityRound {

    private static final long MAX_LATENCY_MS = 600_000;
    private static final String PRIME = "PRIME-";
    /** One HIGH message every 0.2 ms. */
    private static final double HIGH_PER_SECOND = 5_000;
    /** JVM uptime, the clock of {@code -Xlog:gc::uptime}, so a slow round can be matched with GC pauses. */
    private static final RuntimeMXBean UPTIME = ManagementFactory.getRuntimeMXBean();

    private final EmbeddedKafka kafka;
    private final int partitions;
    private final int backlog;
    private final int high;
    private final boolean lanes;
    private final Recorder highLatency = new Recorder(MAX_LATENCY_MS, 3);
    private final Recorder normalLatency = new Recorder(MAX_LATENCY_MS, 3);
    private final AtomicLong normalHandled = new AtomicLong();
    private final AtomicLong highHandled = new AtomicLong();
    private final AtomicLongArray highLatencyBySendOrder;
    private final AtomicLongArray highAckBySendOrder;
    private final AtomicLongArray highReturnBySendOrder;
    private long normalLeftAtLastHighSent = -1;
    private long highSentFromUptimeMs;
    private long highSentUntilUptimeMs;

    PriorityRound(EmbeddedKafka kafka, int partitions, int backlog, int high, boolean lanes) {
        this.kafka = kafka;
        this.partitions = partitions;
        this.backlog = backlog;
        this.high = high;
        this.lanes = lanes;
        this.highLatencyBySendOrder = new AtomicLongArray(high);
        this.highAckBySendOrder = new AtomicLongArray(high);
        this.highReturnBySendOrder = new AtomicLongArray(high);
    }

    RoundResult run(int round) {
        String topic = "priority-bench-" + round + (lanes ? "-lanes" : "-plain");
        kafka.createTopic(topic, partitions);
        KafkaSettings settings = KafkaSettings.builder().bootstrapServers(kafka.bootstrapServers())
                .service("priority-bench").build();
        Router router = Router.builder().route(topic, OrderPlaced.class, (message, context) -> {
            long latency = Math.max(0, System.currentTimeMillis() - message.createdAt().toEpochMilli());
            if (message.payload().getOrderId().startsWith(PRIME)) {
                return; // not measured
            }
            if (message.priority() == Priority.HIGH) {
                highLatency.recordValue(Math.min(latency, MAX_LATENCY_MS));
                highLatencyBySendOrder.set(sendIndexOf(message.payload()), latency);
                highHandled.incrementAndGet();
            } else {
                normalLatency.recordValue(Math.min(latency, MAX_LATENCY_MS));
                normalHandled.incrementAndGet();
            }
        }).build();
        PublisherSettings publishing = PublisherSettings.ofDefaults().withPriorityLanes(lanes);
        try (KafkaMessaging producer = KafkaMessaging.builder(settings).publishes(OrderPlaced.class)
                .publisherSettings(publishing).meterRegistry(new SimpleMeterRegistry()).build()) {
            producer.start();
            prime(producer.publisher(), topic);
            send(producer.publisher(), topic, backlog, Priority.NORMAL, 0, (index, millis) -> { }, (index, millis) -> { });
            long start = System.nanoTime();
            try (KafkaMessaging consumer = KafkaMessaging.builder(settings)
                    .routes(router, SubscriberSettings.builder(topic + "-group").priorityLanes(lanes).build())
                    .publisherSettings(publishing).meterRegistry(new SimpleMeterRegistry()).build()) {
                consumer.start();
                awaitAtLeast(normalHandled, backlog / 20);
                highSentFromUptimeMs = UPTIME.getUptime();
                send(producer.publisher(), topic, high, Priority.HIGH, HIGH_PER_SECOND, highReturnBySendOrder::set,
                        highAckBySendOrder::set);
                highSentUntilUptimeMs = UPTIME.getUptime();
                normalLeftAtLastHighSent = backlog - normalHandled.get();
                awaitAtLeast(highHandled, high);
                awaitAtLeast(normalHandled, backlog);
            }
            double drainSeconds = (System.nanoTime() - start) / 1e9;
            return new RoundResult(round, lanes, highLatency.getIntervalHistogram(), normalLatency.getIntervalHistogram(),
                    drainSeconds, normalLeftAtLastHighSent, highSentFromUptimeMs, highSentUntilUptimeMs,
                    maxPerTenth(highReturnBySendOrder), maxPerTenth(highAckBySendOrder), maxPerTenth(highLatencyBySendOrder));
        }
    }

    /**
     * Sends a few HIGH messages before the backlog, so that the measured ones go to a lane that
     * exists and that the producer already knows, as in a service that has been running: a
     * publisher's first HIGH message to a topic looks up or creates the lane once (50-80 ms here),
     * which is not what this measures. These messages are handled but not measured.
     */
    private void prime(Publisher publisher, String topic) {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (int i = 0; i < partitions * 10; i++) {
            OrderPlaced order = OrderPlaced.newBuilder().setOrderId(PRIME + i).setSku("prime").setQuantity(1).build();
            sends.add(publisher.publish(topic, Message.builder(order).key(PRIME + i).priority(Priority.HIGH).build()));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    }

    /** The order id is {@code <priority>-<n>}, n counting sends from 0. */
    private static int sendIndexOf(OrderPlaced order) {
        String id = order.getOrderId();
        return Integer.parseInt(id.substring(id.indexOf('-') + 1));
    }

    /**
     * The worst HIGH latency in each tenth of the sends, in send order: tells a stall at one moment
     * (one tenth stands out) from a round that was slow throughout.
     */
    private static long[] maxPerTenth(AtomicLongArray latencies) {
        long[] tenths = new long[10];
        for (int i = 0; i < latencies.length(); i++) {
            int tenth = (int) ((long) i * 10 / latencies.length());
            tenths[tenth] = Math.max(tenths[tenth], latencies.get(i));
        }
        return tenths;
    }

    /**
     * HIGH messages are paced ({@code perSecond}, 0 for unpaced) so they arrive over the drain, not in
     * one burst. Message n is due at start + n / rate: a late wake-up does not push back every later
     * message, as sleeping a fixed gap after each send did (the 0.2 ms gap took 0.5-0.8 s for 1,000).
     */
    private static void send(Publisher publisher, String topic, int count, Priority priority, double perSecond,
            BiConsumer<Integer, Long> returned, BiConsumer<Integer, Long> acked) {
        List<CompletableFuture<?>> sends = new ArrayList<>(count);
        Pacer pacer = Pacer.start(perSecond);
        for (int i = 0; i < count; i++) {
            pacer.awaitTurn(i);
            String key = priority.name() + "-" + (i % 1_000);
            OrderPlaced order = OrderPlaced.newBuilder().setOrderId(priority.name() + "-" + i).setSku(key)
                    .setQuantity(1).build();
            Message<OrderPlaced> message = Message.builder(order).key(key).priority(priority).build();
            int index = i;
            sends.add(publisher.publish(topic, message).whenComplete((ignored, failure) -> acked.accept(index,
                    System.currentTimeMillis() - message.createdAt().toEpochMilli())));
            returned.accept(index, System.currentTimeMillis() - message.createdAt().toEpochMilli());
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    }

    private static void awaitAtLeast(AtomicLong counter, long target) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (counter.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("round did not finish within 5 minutes: " + counter.get() + " of " + target);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
