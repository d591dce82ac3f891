package io.imsg.examples.load;

import io.imsg.api.Context;
import io.imsg.api.Handler;
import io.imsg.api.Message;
import io.imsg.api.failure.NonRetryableException;
import io.imsg.api.failure.RetryableException;
import io.imsg.api.metrics.MeterTags;
import io.imsg.handler.Router;
import io.imsg.handler.metrics.MetricsMiddleware;
import io.imsg.handler.retry.RetryMiddleware;
import io.imsg.handler.retry.RetryPolicy;
import io.imsg.kafka.KafkaMessaging;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.consume.SubscriberSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The load workload through iMSG: a {@link KafkaMessaging} with one route whose handler does the
 * simulated work, behind the metrics and in-process retry middleware a real service would use.
 * Failures come from {@link Faults}: a retryable one is retried in process, a non-retryable one
 * goes to the dead-letter topic.
 */
final class ImsgTarget implements LoadTarget {

    static final String ROUTE = "load";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final String topic;
    private final LoadSettings settings;
    private final LoadProbe probe;
    private final MeterRegistry registry;
    private final KafkaMessaging messaging;
    private final Acks acks = new Acks();

    ImsgTarget(String bootstrapServers, String topic, LoadSettings settings, LoadProbe probe, MeterRegistry registry) {
        this.topic = topic;
        this.settings = settings;
        this.probe = probe;
        this.registry = registry;
        this.messaging = messaging(bootstrapServers, topic, settings, registry, this::handle).build();
    }

    /**
     * The endpoint a run uses, handling with {@code handler} behind the metrics and retry middleware;
     * {@link ClientPropertyCheck} checks one before any broker starts.
     */
    static KafkaMessaging.Builder messaging(String bootstrapServers, String topic, LoadSettings settings,
            MeterRegistry registry, Handler<LoadMessage> handler) {
        MetricsMiddleware metrics = MetricsMiddleware.create(registry);
        Router router = Router.builder()
                .use(metrics)
                .use(RetryMiddleware.builder(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(10))
                        .build()).metrics(metrics).build())
                .route(ROUTE, topic, LoadMessage.class, handler)
                .build();
        SubscriberSettings subscriber = SubscriberSettings.builder("imsg-" + topic)
                .ordering(settings.ordering())
                .concurrency(settings.concurrency())
                .build();
        return KafkaMessaging.builder(kafkaSettings(bootstrapServers, settings))
                .routes(router, subscriber)
                .meterRegistry(registry);
    }

    /**
     * Both kinds of pass-through property go to every iMSG client, as {@link KafkaSettings} does it.
     *
     * @throws IllegalArgumentException when iMSG refuses one of them
     */
    private static KafkaSettings kafkaSettings(String bootstrapServers, LoadSettings settings) {
        KafkaSettings.Builder kafka = KafkaSettings.builder().bootstrapServers(bootstrapServers).service("imsg-load");
        settings.producerProperties().forEach(kafka::clientProperty);
        settings.consumerProperties().forEach(kafka::clientProperty);
        return kafka.build();
    }

    private void handle(Message<LoadMessage> message, Context context) throws InterruptedException {
        LoadMessage payload = message.payload();
        long seq = payload.getSeq();
        probe.started(seq);
        try {
            settings.faults().apply(seq, context.attempt());
        } catch (NonRetryableException e) {
            probe.deadLettered(seq);
            throw e;
        } catch (RetryableException e) {
            probe.failedAttempt();
            throw e;
        }
        settings.work().perform();
        probe.succeeded(seq, payload.getIntendedNanos());
    }

    @Override
    public String name() {
        return "imsg";
    }

    /**
     * Starts iMSG and waits for the consumer to own the topic: the {@code imsg.consumer.lag}
     * gauge of a topic appears once the first of its partitions is assigned.
     */
    @Override
    public void startConsuming() {
        messaging.start();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (registry.find("imsg.consumer.lag").tag(MeterTags.TOPIC, topic).gauge() == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("iMSG's consumer was not assigned " + topic + " within "
                        + READY_TIMEOUT.toSeconds() + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @Override
    public void send(long seq, long intendedNanos) {
        byte[] body = new byte[Math.max(0, settings.payloadBytes() - LoadSettings.MIN_PAYLOAD_BYTES)];
        LoadMessage payload = new LoadMessage(seq, intendedNanos, ByteBuffer.wrap(body));
        Message.Builder<LoadMessage> message = Message.builder(payload);
        String key = settings.keyOf(seq);
        if (key != null) {
            message.key(key);
        }
        acks.sent();
        messaging.publisher().publish(topic, message.build()).whenComplete((result, failure) -> acks.answered(failure));
    }

    @Override
    public long awaitAcks() {
        return acks.await();
    }

    @Override
    public void close() {
        messaging.close();
    }
}
