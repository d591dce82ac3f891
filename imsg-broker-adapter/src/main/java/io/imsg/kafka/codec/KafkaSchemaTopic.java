package io.imsg.kafka.codec;

import io.imsg.api.Messages;
import io.imsg.api.failure.ImsgException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry with no extra server: a compacted Kafka topic (default
 * {@value SchemaTopicSettings#DEFAULT_TOPIC}) keyed by fingerprint (16 hex digits) whose values are
 * schema JSON. Services {@link #publish} their payload schemas on start-up and {@link #load} the
 * topic into their {@link SchemaRegistry}; a background refresh and, as a {@link SchemaCatchUp}, a
 * rate-limited read on unknown fingerprints pick up schemas published later.
 *
 * <p>Publishing checks each new version against every version of the same full name already in the
 * topic with the configured {@link SchemaCompatibilityMode} (BACKWARD by default) and rejects an
 * incompatible one with an {@link IncompatibleSchemaException}. Two services publishing conflicting
 * versions at the same instant can both pass: there is no server to serialise them.
 *
 * <p>Everything read from the topic is hostile input (see {@link SchemaTopicRecords}). Thread-safe;
 * reads share one consumer under a lock. Close it to stop the refresh and release the consumer.
 *
 * <pre>{@code
 * SchemaRegistry registry = SchemaRegistry.create();
 * KafkaSchemaTopic schemas = KafkaSchemaTopic.create(Map.of("bootstrap.servers", servers), registry,
 *         SchemaTopicSettings.ofDefaults());
 * schemas.publishTypes(List.of(OrderPlaced.class)); // creates the topic if missing, loads, checks, sends
 * schemas.startRefreshing();
 * EnvelopeCodec codec = AvroEnvelopeCodec.builder(registry).payloadTypes(types).catchUp(schemas).build();
 * }</pre>
 */
public final class KafkaSchemaTopic implements SchemaCatchUp, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaSchemaTopic.class);

    private final Map<String, Object> clientProperties;
    private final SchemaRegistry registry;
    private final SchemaTopicSettings settings;
    private final SchemaTopicRecords records;
    private final SchemaTopicReader reader;
    private final RateLimit catchUps;
    private final Object readLock = new Object();
    private Thread refresher;
    private volatile boolean closed;

    private KafkaSchemaTopic(Map<String, Object> clientProperties, SchemaRegistry registry,
            SchemaTopicSettings settings) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.registry = registry;
        this.settings = settings;
        this.records = new SchemaTopicRecords(registry, settings);
        this.reader = new SchemaTopicReader(new KafkaConsumer<>(SchemaTopicClients.consumer(this.clientProperties)),
                settings.topic(), records);
        this.catchUps = new RateLimit(settings.minCatchUpInterval(), System::nanoTime);
    }

    /**
     * @param clientProperties Kafka client properties passed through to every client: bootstrap servers,
     *     TLS and SASL settings; serializers, groups and commits are set by this class
     */
    public static KafkaSchemaTopic create(Map<String, Object> clientProperties, SchemaRegistry registry,
            SchemaTopicSettings settings) {
        Objects.requireNonNull(clientProperties, "clientProperties must not be null");
        Objects.requireNonNull(registry, "registry must not be null");
        Objects.requireNonNull(settings, "settings must not be null");
        return new KafkaSchemaTopic(clientProperties, registry, settings);
    }

    /** Creates the compacted topic when it is missing. */
    public void ensureTopic() {
        SchemaTopicAdmin.ensureCompacted(SchemaTopicClients.admin(clientProperties), settings.topic(),
                settings.readTimeout());
    }

    /**
     * Reads what the topic holds now (from the beginning the first time, then only what is new) into
     * the registry. A missing topic holds nothing.
     *
     * @return how many schemas were new to the registry
     * @throws ImsgException when the end is not reached within the read timeout
     */
    public int load() {
        synchronized (readLock) {
            requireOpen();
            return reader.readToEnd(settings.readTimeout());
        }
    }

    /** Publishes the schemas of generated classes; see {@link #publish}. */
    public List<Schema> publishTypes(Collection<Class<? extends SpecificRecord>> generatedTypes) {
        return publish(generatedTypes.stream().map(Messages::schemaOf).toList());
    }

    /**
     * Publishes the schemas the topic does not hold yet, after creating the topic if needed and
     * loading it. All are checked before any is sent, so an incompatible one publishes nothing.
     *
     * @return the schemas sent, each acknowledged by the broker and added to the registry
     * @throws IncompatibleSchemaException naming every incompatibility of the first rejected schema
     * @throws IllegalArgumentException when a schema's JSON is over {@link SchemaTopicSettings#maxSchemaBytes()}
     */
    public List<Schema> publish(Collection<Schema> schemas) {
        List<Schema> candidates = List.copyOf(Objects.requireNonNull(schemas, "schemas must not be null"));
        requireOpen();
        ensureTopic();
        load();
        List<Schema> fresh = newVersions(candidates);
        if (!fresh.isEmpty()) {
            send(fresh);
            fresh.forEach(records::published);
            log.info("IMSG-2008 published {} schema(s) to {}: {}", fresh.size(), settings.topic(),
                    fresh.stream().map(schema -> schema.getFullName() + "@"
                            + Text.hex(SchemaRegistry.fingerprint(schema))).toList());
        }
        return fresh;
    }

    /**
     * Reads schemas published since the last read, on a daemon thread, every
     * {@link SchemaTopicSettings#refreshInterval()} until {@link #close()}. Idempotent.
     */
    public synchronized void startRefreshing() {
        requireOpen();
        if (refresher == null) {
            refresher = new Thread(this::refreshLoop, "imsg-schema-refresh-" + settings.topic());
            refresher.setDaemon(true);
            refresher.start();
        }
    }

    /**
     * Reads the topic to its end, at most once per {@link SchemaTopicSettings#minCatchUpInterval()};
     * other calls return at once. A read that runs blocks the calling (decoding) thread for at most
     * {@link SchemaTopicSettings#readTimeout()}. Never throws.
     */
    @Override
    public void catchUp(long unknownFingerprint) {
        if (closed || registry.contains(unknownFingerprint) || !catchUps.tryAcquire()) {
            return;
        }
        try {
            int added = load();
            log.debug("IMSG-2012 catch-up for {} added {} schema(s)", Text.hex(unknownFingerprint), added);
        } catch (RuntimeException e) {
            log.warn("IMSG-2006 catch-up for fingerprint {} failed: {}", Text.hex(unknownFingerprint), e.toString());
        }
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = refresher;
        }
        reader.wakeup();
        if (running != null) {
            running.interrupt();
            joinQuietly(running);
        }
        synchronized (readLock) {
            reader.close();
        }
    }

    private List<Schema> newVersions(List<Schema> candidates) {
        List<Schema> fresh = new ArrayList<>();
        for (Schema candidate : candidates) {
            long fingerprint = SchemaRegistry.fingerprint(candidate);
            if (records.isInTopic(fingerprint) || fresh.contains(candidate)) {
                continue;
            }
            requireWithinSize(candidate);
            List<Schema> known = new ArrayList<>();
            for (Schema version : registry.versionsOf(candidate.getFullName())) {
                if (records.isInTopic(SchemaRegistry.fingerprint(version))) {
                    known.add(version);
                }
            }
            fresh.stream().filter(schema -> schema.getFullName().equals(candidate.getFullName())).forEach(known::add);
            List<String> problems = settings.compatibility().incompatibilities(candidate, known);
            if (!problems.isEmpty()) {
                throw new IncompatibleSchemaException(candidate.getFullName(), fingerprint, settings.compatibility(),
                        problems);
            }
            fresh.add(candidate);
        }
        return fresh;
    }

    private void requireWithinSize(Schema schema) {
        int bytes = schema.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > settings.maxSchemaBytes()) {
            throw new IllegalArgumentException("schema " + schema.getFullName() + " is " + bytes
                    + " bytes of JSON, over maxSchemaBytes " + settings.maxSchemaBytes() + "; readers would skip it");
        }
    }

    private void send(List<Schema> schemas) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(SchemaTopicClients.producer(clientProperties))) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (Schema schema : schemas) {
                acks.add(producer.send(new ProducerRecord<>(settings.topic(),
                        Text.hex(SchemaRegistry.fingerprint(schema)), schema.toString())));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            throw new ImsgException("publishing schemas to " + settings.topic() + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new ImsgException("publishing schemas to " + settings.topic() + " took longer than "
                    + settings.readTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImsgException("interrupted while publishing schemas to " + settings.topic(), e);
        }
    }

    private void refreshLoop() {
        boolean failing = false;
        while (!closed) {
            try {
                Thread.sleep(settings.refreshInterval().toMillis());
                load();
                failing = false;
            } catch (InterruptedException | WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                // Warn once per outage, not once per interval while the broker is away.
                if (!failing) {
                    log.warn("IMSG-2005 refreshing schemas from {} failed, will keep trying: {}", settings.topic(),
                            e.toString());
                }
                failing = true;
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the schema topic " + settings.topic() + " reader is closed");
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
