package io.imsg.kafka.redrive;

import io.imsg.kafka.lanes.PriorityLanes;

import io.imsg.api.failure.ImsgException;
import io.imsg.kafka.internal.RecordSender;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Moves a batch of dead letters back to their topic, in two acknowledged steps: republish the batch
 * (original key and value bytes, rewritten headers, partition chosen from the key as for any keyed
 * record), flush and wait for every acknowledgement; then write a ledger entry for each dead letter
 * the broker acknowledged, flush and wait again.
 *
 * <p>A dead letter enters the ledger only after its republish was acknowledged, so the ledger never
 * claims a move that did not happen. The converse gap is the crash window: a crash (or a failed
 * ledger write) after the republish and before the ledger entry leaves the dead letter republished
 * but unrecorded, and the next redrive republishes it once more. That is at most one duplicate per
 * dead letter of the last batch, with the same message id, which the consumer's idempotency store
 * absorbs.
 */
final class Republisher {

    private final RecordSender sender;
    private final Consumer<String> ensureLedgerTopic;
    private final Duration timeout;
    private final Set<String> ledgersEnsured = new HashSet<>();

    /**
     * @param ensureLedgerTopic creates the compacted ledger topic when missing; called once per topic,
     *     before the first republish to it
     */
    Republisher(RecordSender sender, Consumer<String> ensureLedgerTopic, Duration timeout) {
        this.sender = sender;
        this.ensureLedgerTopic = ensureLedgerTopic;
        this.timeout = timeout;
    }

    /**
     * @return one outcome per dead letter, in order: moved (with where to) or failed (with why)
     * @throws ImsgException when ledger entries could not be written; the batch was republished
     */
    /** A dead letter that came from the priority lane goes back to it: redrive keeps a message's priority. */
    private static String laneOf(DeadLetter letter, String routedTopic) {
        String lane = PriorityLanes.laneOf(routedTopic);
        return letter.failure().originalTopic().filter(lane::equals).orElse(routedTopic);
    }

    List<RedriveOutcome> move(List<DeadLetter> batch, String routedTopic) {
        String ledgerTopic = RedriveTopics.ledgerTopicOf(routedTopic);
        if (!ledgersEnsured.contains(ledgerTopic)) {
            ensureLedgerTopic.accept(ledgerTopic); // before any republish: a move must be recordable
            ledgersEnsured.add(ledgerTopic);
        }
        List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>(batch.size());
        for (DeadLetter letter : batch) {
            sends.add(sender.send(new ProducerRecord<>(laneOf(letter, routedTopic), null, letter.keyBytes(),
                    letter.valueBytes(), RedriveHeaders.of(letter))));
        }
        sender.flush();
        List<RedriveOutcome> outcomes = new ArrayList<>(batch.size());
        List<ProducerRecord<byte[], byte[]>> entries = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < batch.size(); i++) {
            DeadLetter letter = batch.get(i);
            try {
                RecordMetadata written = await(sends.get(i));
                String target = written.topic() + "-" + written.partition() + "@" + written.offset();
                outcomes.add(RedriveOutcome.moved(letter, target));
                entries.add(new ProducerRecord<>(ledgerTopic, LedgerEntry.key(letter),
                        LedgerEntry.value(letter, target, now)));
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                outcomes.add(RedriveOutcome.failed(letter, "republishing to " + routedTopic + " failed: " + cause));
            }
        }
        record(ledgerTopic, entries);
        return outcomes;
    }

    private void record(String ledgerTopic, List<ProducerRecord<byte[], byte[]>> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<CompletableFuture<RecordMetadata>> writes = entries.stream().map(sender::send).toList();
        sender.flush();
        for (CompletableFuture<RecordMetadata> write : writes) {
            try {
                await(write);
            } catch (ExecutionException | TimeoutException e) {
                throw new ImsgException("IMSG-1405 " + entries.size() + " dead letters were republished but their "
                        + "entries in " + ledgerTopic + " were not all written; a later redrive republishes those "
                        + "again, and consumers' idempotency store absorbs the duplicates",
                        e instanceof ExecutionException ? e.getCause() : e);
            }
        }
    }

    private RecordMetadata await(CompletableFuture<RecordMetadata> future)
            throws ExecutionException, TimeoutException {
        try {
            // flush() returned, so this is normally complete; the bound guards against a stuck producer.
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImsgException("interrupted while waiting for the broker to acknowledge a redrive", e);
        }
    }
}
