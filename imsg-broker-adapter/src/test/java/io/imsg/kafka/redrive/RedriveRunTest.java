package io.imsg.kafka.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.failure.ImsgException;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.kafka.internal.RecordSender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** A redrive run's decisions, on a mock producer: what is republished, recorded, skipped and counted. */
class RedriveRunTest {

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final List<String> ensuredLedgers = new ArrayList<>();
    private final List<RedriveOutcome> outcomes = new ArrayList<>();

    @Test
    void selectedDeadLettersAreRepublishedThenRecordedWithTheirOriginalBytes() {
        DeadLetter letter = Letters.failed(3).key("sku-1").value(new byte[] {9, 8, 7}).letter();

        RedriveReport report = run(RedriveRequest.of(RedriveFilter.all()), RedriveLedger.empty(), letter);

        assertThat(report).isEqualTo(new RedriveReport(false, 1, 1, 0, 0, 0));
        assertThat(producer.history()).extracting(ProducerRecord::topic)
                .containsExactly("orders", "orders.dlt.redriven"); // the republish strictly before its entry
        ProducerRecord<byte[], byte[]> republished = producer.history().get(0);
        assertThat(republished.key()).isEqualTo("sku-1".getBytes(StandardCharsets.UTF_8));
        assertThat(republished.value()).containsExactly(9, 8, 7);
        assertThat(republished.headers().lastHeader(ImsgHeaders.DLT_EXCEPTION_CLASS)).isNull();
        assertThat(new String(producer.history().get(1).key(), StandardCharsets.UTF_8)).isEqualTo("0-3");
        assertThat(ensuredLedgers).containsExactly("orders.dlt.redriven");
        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.kind()).isEqualTo(RedriveOutcome.Kind.MOVED);
            assertThat(outcome.target()).contains("orders-0@0");
        });
    }

    @Test
    void whatTheLedgerHoldsIsSkippedAndDoesNotCountTowardsTheLimit() {
        DeadLetter done = Letters.failed(1).letter();
        RedriveLedger.Builder ledger = new RedriveLedger.Builder();
        ledger.apply(LedgerEntry.key(done), LedgerEntry.value(done, "orders-0@0", java.time.Instant.now()));

        RedriveReport report = run(RedriveRequest.of(RedriveFilter.all()).withLimit(1), ledger.build(), done,
                Letters.failed(2).letter(), Letters.failed(3).letter());

        assertThat(report).isEqualTo(new RedriveReport(false, 2, 1, 0, 1, 0));
        assertThat(outcomes).extracting(RedriveOutcome::kind)
                .containsExactly(RedriveOutcome.Kind.ALREADY_REDRIVEN, RedriveOutcome.Kind.MOVED);
    }

    @Test
    void aDryRunWritesNothingAndCreatesNoLedger() {
        RedriveReport report = run(RedriveRequest.of(RedriveFilter.all()).withDryRun(true), RedriveLedger.empty(),
                Letters.failed(1).letter(), Letters.failed(2).letter());

        assertThat(report).isEqualTo(new RedriveReport(true, 2, 0, 2, 0, 0));
        assertThat(producer.history()).isEmpty();
        assertThat(ensuredLedgers).isEmpty();
    }

    @Test
    void aDeadLetterWhoseOriginalTopicHeaderIsMissingOrForeignIsNeverRepublished() {
        DeadLetter foreign = Letters.failed(1).header(ImsgHeaders.DLT_ORIGINAL_TOPIC, "payments").letter();
        DeadLetter anonymous = Letters.failed(2).without(ImsgHeaders.DLT_ORIGINAL_TOPIC).letter();

        RedriveReport report = run(RedriveRequest.of(RedriveFilter.all()), RedriveLedger.empty(), foreign, anonymous);

        assertThat(report).isEqualTo(new RedriveReport(false, 2, 0, 0, 0, 2));
        assertThat(producer.history()).isEmpty();
        assertThat(outcomes).extracting(outcome -> outcome.reason().orElseThrow())
                .anySatisfy(reason -> assertThat(reason).contains("names another topic than orders"))
                .anySatisfy(reason -> assertThat(reason).contains("has no imsg-dlt-original-topic header"));
    }

    @Test
    void aRepublishTheBrokerRejectedGetsNoLedgerEntryAndCountsAsFailed() {
        producer.sendException = new NotEnoughReplicasException("min.insync.replicas not met");

        RedriveReport report = run(RedriveRequest.of(RedriveFilter.all()), RedriveLedger.empty(),
                Letters.failed(1).letter());

        assertThat(report).isEqualTo(new RedriveReport(false, 1, 0, 0, 0, 1));
        assertThat(producer.history()).isEmpty();
        assertThat(outcomes.get(0).reason()).get().asString().contains("NotEnoughReplicasException");
    }

    @Test
    void aLedgerWriteThatFailsStopsTheRunAndSaysWhatThatMeans() {
        MockProducer<byte[], byte[]> ledgerFails = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
                if (record.topic().endsWith(RedriveTopics.LEDGER_SUFFIX)) {
                    throw new NotEnoughReplicasException("ledger unwritable");
                }
                return super.send(record, callback);
            }
        };
        Republisher republisher = new Republisher(new RecordSender(ledgerFails), ensuredLedgers::add,
                Duration.ofSeconds(5));
        RedriveRun run = new RedriveRun("orders", RedriveRequest.of(RedriveFilter.all()), RedriveLedger.empty(),
                republisher, 10, outcomes::add);
        run.take(Letters.failed(1).letter());

        assertThatThrownBy(run::finish).isInstanceOf(ImsgException.class)
                .hasMessageContaining("IMSG-1405")
                .hasMessageContaining("idempotency store absorbs the duplicates");
        assertThat(ledgerFails.history()).extracting(ProducerRecord::topic).containsExactly("orders");
    }

    @Test
    void batchesAreMovedAsTheyFillAndTheRestAtTheEnd() {
        RedriveReport report = run(RedriveRequest.of(RedriveFilter.all()), RedriveLedger.empty(),
                Letters.failed(1).letter(), Letters.failed(2).letter(), Letters.failed(3).letter());

        assertThat(report.moved()).isEqualTo(3);
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly(
                "orders", "orders", "orders.dlt.redriven", "orders.dlt.redriven", "orders", "orders.dlt.redriven");
    }

    /** Runs with a batch size of 2, taking letters while the run wants more, as {@link Redriver} does. */
    private RedriveReport run(RedriveRequest request, RedriveLedger ledger, DeadLetter... letters) {
        Republisher republisher = new Republisher(new RecordSender(producer), ensuredLedgers::add, Duration.ofSeconds(5));
        RedriveRun run = new RedriveRun("orders", request, ledger, republisher, 2, outcomes::add);
        for (DeadLetter letter : letters) {
            if (!run.wantsMore()) {
                break;
            }
            run.take(letter);
        }
        return run.finish();
    }
}
