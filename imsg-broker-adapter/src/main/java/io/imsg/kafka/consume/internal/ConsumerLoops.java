package io.imsg.kafka.consume.internal;

import io.imsg.api.failure.FailureClassifier;
import io.imsg.api.metrics.MeterNames;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.api.spi.RouteTable;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.deadletter.DeadLetterListener;
import io.imsg.kafka.deadletter.DeadLetterWriter;
import io.imsg.kafka.internal.ClientConfigs;
import io.imsg.kafka.publish.KafkaPublisher;
import io.imsg.kafka.retry.RetryTopology;
import io.imsg.kafka.retry.RetryWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Assembles a {@link ConsumerLoop} and its collaborators from settings. */
public final class ConsumerLoops {

    /** How long a rebalance may spend finding the keys parked in newly assigned retry partitions. */
    private static final Duration SCAN_TIMEOUT = Duration.ofSeconds(30);

    private ConsumerLoops() {}

    public static ConsumerLoop create(KafkaSettings kafka, SubscriberSettings settings, RouteTable routes,
            EnvelopeCodec codec, KafkaPublisher publisher, FailureClassifier classifier, MeterRegistry registry) {
        return create(kafka, settings, routes, codec, publisher, classifier, registry, MeterNames.defaults(),
                DeadLetterListener.NONE);
    }

    /** Like the other {@code create}, with meter names and a listener told about each dead letter. */
    public static ConsumerLoop create(KafkaSettings kafka, SubscriberSettings settings, RouteTable routes,
            EnvelopeCodec codec, KafkaPublisher publisher, FailureClassifier classifier, MeterRegistry registry,
            MeterNames names, DeadLetterListener deadLetterListener) {
        ConsumerMetrics metrics = new ConsumerMetrics(registry, names, settings.groupId());
        DeadLetterWriter deadLetters = new DeadLetterWriter(publisher.sender(), settings.groupId(), deadLetterListener);
        RetryTopology topology = topology(routes, settings);
        var consumer = new KafkaConsumer<byte[], byte[]>(ClientConfigs.consumer(kafka, settings));
        RetryOrder order = new UnorderedRetries(topology);
        AssignmentHook hook = AssignmentHook.NONE;
        if (settings.orderedRetryTopics()) {
            ParkedKeys parked = new ParkedKeys(topology);
            order = parked;
            hook = new ParkedKeysScan(topology, parked, consumer,
                    () -> new KafkaConsumer<>(ClientConfigs.scanConsumer(kafka)), SCAN_TIMEOUT);
        }
        RecordProcessor processor = new RecordProcessor(codec, routes, topology, publisher, deadLetters,
                new RetryWriter(publisher.sender(), settings.orderedRetryTopics()), classifier, metrics, order, settings,
                kafka.protection());
        KeyedExecutor executor = new KeyedExecutor(workerPool(settings), settings.concurrency());
        metrics.bindClient(consumer);
        return new ConsumerLoop(consumer, topology, settings, processor, executor, metrics, hook);
    }

    /** The routed topics and the retry stages the settings give each of them. */
    public static RetryTopology topology(RouteTable routes, SubscriberSettings settings) {
        Map<String, List<Duration>> delays = new HashMap<>();
        routes.topics().forEach(topic -> delays.put(topic, settings.retryDelays(topic)));
        return RetryTopology.of(delays, settings.priorityLanes());
    }

    private static ExecutorService workerPool(SubscriberSettings settings) {
        AtomicInteger count = new AtomicInteger();
        // Unbounded queue on purpose: ConsumerLoop bounds what is queued by pausing partitions.
        return new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 0, TimeUnit.MILLISECONDS,
                KeyedExecutor.newQueue(), runnable -> {
                    Thread thread = new Thread(runnable, "imsg-worker-" + settings.groupId() + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }
}
