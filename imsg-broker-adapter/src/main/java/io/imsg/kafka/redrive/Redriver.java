package io.imsg.kafka.redrive;

import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.internal.RecordSender;
import io.imsg.kafka.topics.TopicProvisioner;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Republishes dead letters to the topic they failed on, so a fixed service handles them.
 *
 * <p>A run reads the redrive ledger, then the dead-letter topic to its end offsets at the start of
 * the run ({@link DeadLetterReader}), selects with the request's filter, and stops at its limit. A
 * selected dead letter that the ledger records is skipped; one whose original-topic header does not
 * name the dead-letter topic's own topic fails; the others are republished with their original key
 * and value bytes and their original headers, minus the failure state and with
 * {@code imsg-redrive-count} one higher. Writes use an idempotent {@code acks=all} producer.
 *
 * <p><b>Redriving twice does not duplicate.</b> A dead letter is written to the ledger
 * ({@link RedriveLedger}, a compacted topic keyed by {@code <partition>-<offset>}) only after its
 * republish was acknowledged, and every run skips what the ledger holds. The one window: a crash
 * after a batch was republished and before its ledger entries were written; the next run then
 * republishes those (at most {@link RedriveSettings#batchSize()}) once more, with the same message
 * ids, and the consumers' idempotency store absorbs them. Run one redrive of a topic at a time: two
 * concurrent runs read the same ledger and can both republish a dead letter.
 *
 * <p>A redriven message that fails again is dead-lettered again at a new offset, keeping its
 * redrive count; a later run may redrive that new dead letter. Not thread-safe; close it to release
 * its Kafka clients.
 *
 * <pre>{@code
 * try (Redriver redriver = Redriver.create(kafka, RedriveSettings.ofDefaults())) {
 *     RedriveReport report = redriver.redrive("orders",
 *             RedriveRequest.of(RedriveFilter.all().withExceptionClass("TimeoutException")).withLimit(500));
 *     System.out.println("moved " + report.moved());
 * }
 * }</pre>
 */
public final class Redriver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Redriver.class);

    private final DeadLetterReader reader;
    private final RecordSender sender;
    private final Admin admin;
    private final Republisher republisher;
    private final RedriveSettings settings;

    private Redriver(DeadLetterReader reader, RecordSender sender, Admin admin, RedriveSettings settings) {
        this.settings = settings;
        this.reader = reader;
        this.sender = sender;
        this.admin = admin;
        this.republisher = new Republisher(sender, this::ensureLedgerTopic, settings.timeout());
    }

    public static Redriver create(KafkaSettings kafka, RedriveSettings settings) {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(settings, "settings");
        DeadLetterReader reader = DeadLetterReader.create(kafka, settings);
        RecordSender sender = null;
        try {
            sender = new RecordSender(new KafkaProducer<>(RedriveClients.producer(kafka)));
            return new Redriver(reader, sender, Admin.create(RedriveClients.admin(kafka, settings.timeout())), settings);
        } catch (RuntimeException e) {
            // A client that failed to start (bad pass-through properties, say) must not leak the others.
            reader.close();
            if (sender != null) {
                sender.close();
            }
            throw e;
        }
    }

    /** Runs a redrive without following it; see {@link #redrive(String, RedriveRequest, Consumer)}. */
    public RedriveReport redrive(String topic, RedriveRequest request) {
        return redrive(topic, request, outcome -> { });
    }

    /**
     * Runs a redrive of {@code topic}'s dead letters.
     *
     * @param topic the routed topic ({@code orders}) or its dead-letter topic ({@code orders.dlt})
     * @param listener told of each selected dead letter's outcome as it is decided, on this thread
     * @throws DeadLetterTopicNotFoundException when the dead-letter topic does not exist
     * @throws io.imsg.api.failure.ImsgException when Kafka cannot be read in time, or ledger entries of
     *     republished dead letters could not be written (the message says what that means)
     */
    public RedriveReport redrive(String topic, RedriveRequest request, Consumer<? super RedriveOutcome> listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        String routedTopic = RedriveTopics.routedTopicOf(topic);
        log.info("IMSG-1400 redrive of {} started: filter {}, limit {}{}", RedriveTopics.deadLetterTopicOf(topic),
                request.filter(), request.limit() == RedriveRequest.NO_LIMIT ? "none" : request.limit(),
                request.dryRun() ? ", dry run" : "");
        RedriveRun run = new RedriveRun(routedTopic, request, reader.ledger(topic), republisher, settings.batchSize(),
                listener);
        try (Stream<DeadLetter> letters = reader.stream(topic)) {
            Iterator<DeadLetter> selected = letters.filter(request.filter()::matches).iterator();
            while (run.wantsMore() && selected.hasNext()) {
                run.take(selected.next());
            }
            RedriveReport report = run.finish();
            log.info("IMSG-1401 redrive of {} finished: {}", RedriveTopics.deadLetterTopicOf(topic), report);
            return report;
        } catch (RuntimeException e) {
            log.warn("IMSG-1402 redrive of {} stopped after {}: {}", RedriveTopics.deadLetterTopicOf(topic),
                    run.report(), e.toString());
            throw e;
        }
    }

    @Override
    public void close() {
        reader.close();
        sender.close();
        admin.close();
    }

    /** Compacted, so the ledger keeps one entry per dead letter for good; one partition is plenty. */
    private void ensureLedgerTopic(String ledgerTopic) {
        new TopicProvisioner(admin, settings.timeout()).ensure(Map.of(ledgerTopic, 1),
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }
}
