package io.imsg.kafka.fault;

import io.imsg.api.failure.NonRetryableException;
import io.imsg.testkit.fault.Check;
import io.imsg.testkit.fault.FailurePlan;
import io.imsg.testkit.fault.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The dead-letter checks of RELIABILITY.md that need the broker and the failure plan: each dead
 * letter carries its original's key, value and headers byte for byte, names the exception the
 * handler threw, and keeps its metadata within budget; and no permanently failing message was
 * ever handled.
 */
final class DeadLetterFidelity {

    /** DeadLetterHeaders.BUDGET_BYTES: the most metadata a dead letter may add. */
    private static final int METADATA_BUDGET_BYTES = 8 * 1024;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(120);
    private static final int SHOWN = 5;

    private DeadLetterFidelity() {}

    static List<Check> check(String bootstrapServers, String topic, List<DeadLetter> deadLetters, FailurePlan plan,
            Collection<String> handledIds) {
        Map<String, ConsumerRecord<byte[], byte[]>> originals = originals(bootstrapServers, topic, deadLetters);
        List<String> unfaithful = new ArrayList<>();
        List<String> wrongClass = new ArrayList<>();
        List<String> overBudget = new ArrayList<>();
        for (DeadLetter deadLetter : deadLetters) {
            ConsumerRecord<byte[], byte[]> original = originals.get(coordinates(deadLetter));
            if (original == null || !sameBytes(original, deadLetter)) {
                unfaithful.add(deadLetter.id() + "@" + coordinates(deadLetter));
            }
            if (!deadLetter.exceptionClass().equals(expectedClass(plan, deadLetter))) {
                wrongClass.add(deadLetter.id() + ":" + deadLetter.exceptionClass() + "@attempt" + deadLetter.attempts());
            }
            if (deadLetter.metadataBytes() > METADATA_BUDGET_BYTES) {
                overBudget.add(deadLetter.id() + ":" + deadLetter.metadataBytes());
            }
        }
        List<String> permanentHandled = handledIds.stream().filter(plan::isPermanent).distinct().sorted().toList();
        return List.of(
                Check.of("dead letters hold the original key, value and headers", unfaithful.isEmpty(),
                        unfaithful.size() + " of " + deadLetters.size() + " differ" + first(unfaithful)),
                Check.of("dead-letter exception class = the class the handler threw", wrongClass.isEmpty(),
                        wrongClass.size() + " of " + deadLetters.size() + " wrong" + first(wrongClass)),
                Check.of("dead-letter metadata within " + METADATA_BUDGET_BYTES + " bytes", overBudget.isEmpty(),
                        overBudget.size() + " over" + first(overBudget)),
                Check.of("no permanently failing message was handled", permanentHandled.isEmpty(),
                        permanentHandled.size() + " handled" + first(permanentHandled)));
    }

    /**
     * A permanent failure throws {@link NonRetryableException} on every attempt; any other dead
     * letter must come from a planned transient failure at the attempt it reports.
     */
    private static String expectedClass(FailurePlan plan, DeadLetter deadLetter) {
        return switch (plan.outcome(deadLetter.id(), deadLetter.attempts())) {
            case PERMANENT -> NonRetryableException.class.getName();
            case TRANSIENT -> IllegalStateException.class.getName();
            case SUCCEED -> "(none: the plan says attempt " + deadLetter.attempts() + " succeeds)";
        };
    }

    private static Map<String, ConsumerRecord<byte[], byte[]>> originals(String bootstrapServers, String topic,
            List<DeadLetter> deadLetters) {
        Set<String> wanted = new java.util.HashSet<>();
        deadLetters.forEach(d -> wanted.add(coordinates(d)));
        Map<String, ConsumerRecord<byte[], byte[]>> originals = new HashMap<>();
        TopicReader.forEach(bootstrapServers, topic, READ_TIMEOUT, record -> {
            String at = record.partition() + "/" + record.offset();
            if (wanted.contains(at)) {
                originals.put(at, record);
            }
        });
        return originals;
    }

    private static boolean sameBytes(ConsumerRecord<byte[], byte[]> original, DeadLetter deadLetter) {
        return Arrays.equals(original.key(), deadLetter.record().key())
                && Arrays.equals(original.value(), deadLetter.record().value())
                && sameHeaders(List.of(original.headers().toArray()), deadLetter.originalHeaders());
    }

    private static boolean sameHeaders(List<Header> original, List<Header> kept) {
        if (original.size() != kept.size()) {
            return false;
        }
        for (int i = 0; i < original.size(); i++) {
            if (!original.get(i).key().equals(kept.get(i).key())
                    || !Arrays.equals(original.get(i).value(), kept.get(i).value())) {
                return false;
            }
        }
        return true;
    }

    private static String coordinates(DeadLetter deadLetter) {
        return deadLetter.originalPartition() + "/" + deadLetter.originalOffset();
    }

    private static String first(List<String> items) {
        return items.isEmpty() ? "" : "; first: " + items.subList(0, Math.min(SHOWN, items.size()));
    }
}
