package io.imsg.kafka.consume.internal;

import static io.imsg.kafka.consume.internal.WriteStall.await;

import io.imsg.api.failure.OutputRefusedException;
import io.imsg.api.receipt.ReplyTopics;
import io.imsg.kafka.publish.KafkaPublisher;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outputs of the handler attempt that succeeded, for {@link RecordProcessor}. A send
 * that fails is retried, the partition paused; one to a reply topic (a reply or a PROCESSED
 * receipt) is logged and dropped instead; one the broker refuses for good ends the publishing with
 * {@link OutputRefusedException}. Holds no state of its own, so workers share one.
 */
final class OutputPublisher {

    // Logged under RecordProcessor, which logged these ids before this class was split from it,
    // so that log configuration written for them keeps matching.
    private static final Logger log = LoggerFactory.getLogger(RecordProcessor.class);

    private final KafkaPublisher outputs;

    OutputPublisher(KafkaPublisher outputs) {
        this.outputs = outputs;
    }

    /**
     * Encodes every output before any is sent; throws on the first that can never be sent, so the
     * caller can dead-letter the input instead of publishing part of its outputs.
     */
    List<KafkaPublisher.Prepared> prepare(DeliveryContext context) {
        List<KafkaPublisher.Prepared> pending = new ArrayList<>();
        for (DeliveryContext.Output output : context.outputs()) {
            pending.add(outputs.prepare(output.topic(), output.message()));
        }
        return pending;
    }

    /**
     * Sends {@code prepared}, retrying failed sends; true when every output was acknowledged (or,
     * to a reply topic, dropped), false when the partition was lost or the worker interrupted first.
     *
     * @throws OutputRefusedException when the broker refuses an output as no retry would change
     */
    boolean sendAll(ConsumerRecord<byte[], byte[]> record, List<KafkaPublisher.Prepared> prepared,
            PartitionLease lease) {
        List<KafkaPublisher.Prepared> pending = prepared;
        WriteStall stall = new WriteStall(lease);
        try {
            while (!pending.isEmpty()) {
                List<KafkaPublisher.Prepared> failed = new ArrayList<>();
                for (KafkaPublisher.Prepared output : pending) {
                    Throwable failure = await(outputs.send(output));
                    if (failure == null) {
                        continue;
                    }
                    if (ReplyTopics.isValid(output.record().topic()) && !(failure instanceof InterruptedException)) {
                        // Replies and receipts are best effort: the requester may be gone with its reply
                        // topic, and the name came from a header anyone can forge. After the producer's
                        // own retries they are dropped, never worth stalling the partition for, nor
                        // dead-lettering the input for when refused for good.
                        log.warn("IMSG-1202 reply or receipt of {}-{}@{} to {} not written, dropped: {}", record.topic(),
                                record.partition(), record.offset(), output.record().topic(), failure.toString());
                    } else if (isRefusedForGood(failure)) {
                        throw new OutputRefusedException(output.record().topic(), failure);
                    } else {
                        log.warn("IMSG-1201 output of {}-{}@{} to {} failed, will retry: {}", record.topic(),
                                record.partition(), record.offset(), output.record().topic(), failure.toString());
                        failed.add(output);
                    }
                }
                pending = failed;
                if (!pending.isEmpty() && !stall.pause()) {
                    return false;
                }
            }
            return true;
        } finally {
            stall.end();
        }
    }

    /**
     * The broker's answers that depend on the record and topic alone: retried, they stall the
     * partition for good. A missing topic, a missing ACL or a timeout may be fixed by an operator,
     * so those are still retried; so is {@code RecordBatchTooLargeException}, which is about a batch
     * the record shared with others, not about the record.
     */
    private static boolean isRefusedForGood(Throwable failure) {
        // The publisher wraps the producer's exception in its own; a few levels are all there are.
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 5; depth++) {
            if (cause instanceof RecordTooLargeException || cause instanceof InvalidTopicException) {
                return true;
            }
            cause = cause.getCause();
        }
        return false;
    }
}
