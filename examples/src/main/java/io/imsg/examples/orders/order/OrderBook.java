package io.imsg.examples.orders.order;

import com.google.inject.Inject;
import io.imsg.api.Message;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.schema.Priority;
import io.imsg.schema.ReceiptStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The order service's ledger: every order it placed, whether the broker acknowledged it, and the
 * inventory's answer. Thread-safe. Only the first answer to an order counts; a repeated one (iMSG
 * delivers at least once) is counted as a duplicate, and an answer to an order this ledger never
 * placed, such as one left over from an earlier run on the same topics, as a stray. Every event
 * also goes to the {@link OrderJournal}, if one is given.
 */
public final class OrderBook {

    /** The inventory's answer to an order. */
    public enum Outcome { RESERVED, REJECTED }

    /** An order as it was placed: what it asked for and the message that carried it. */
    public record PlacedOrder(String orderId, String messageId, String sku, int quantity, Priority priority,
            Instant createdAt) {

        static PlacedOrder of(Message<OrderPlaced> message) {
            OrderPlaced order = message.payload();
            return new PlacedOrder(order.getOrderId(), message.id(), order.getSku(), order.getQuantity(),
                    message.priority(), message.createdAt());
        }
    }

    private final OrderJournal journal;
    private final Map<String, PlacedOrder> placed = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Map<String, Instant> answeredAt = new ConcurrentHashMap<>();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong conflicting = new AtomicLong();
    private final AtomicLong strays = new AtomicLong();
    private volatile Instant lastAnswer;
    private final Set<String> sentWhileOffline = ConcurrentHashMap.newKeySet();
    private final Map<ReceiptStatus, Set<String>> receiptedMessages = new ConcurrentHashMap<>();
    private final AtomicLong receipts = new AtomicLong();

    /** A book kept in memory only. */
    public OrderBook() {
        this(OrderJournal.none());
    }

    /** A book that also writes every event to {@code journal}. */
    @Inject
    public OrderBook(OrderJournal journal) {
        this.journal = journal;
    }

    /** Records an order before it is sent, so that even the fastest answer finds it. */
    void placed(PlacedOrder order) {
        placed.put(order.orderId(), order);
        journal.placed(order);
    }

    /** The broker acknowledged the order: from now on it must be answered or dead-lettered. */
    void acknowledged(String orderId) {
        acknowledged.add(orderId);
        journal.acknowledged(orderId);
    }

    /** Records an answer that arrived now; returns the order if this was its first answer. */
    Optional<PlacedOrder> answer(String orderId, Outcome outcome) {
        return answer(orderId, outcome, Instant.now());
    }

    Optional<PlacedOrder> answer(String orderId, Outcome outcome, Instant at) {
        journal.answered(orderId, outcome, at); // every answer, so a replay counts duplicates too
        PlacedOrder order = placed.get(orderId);
        if (order == null) {
            strays.incrementAndGet();
            return Optional.empty();
        }
        Outcome first = outcomes.putIfAbsent(orderId, outcome);
        if (first != null) {
            (first == outcome ? duplicates : conflicting).incrementAndGet();
            return Optional.empty();
        }
        answeredAt.put(orderId, at);
        lastAnswer = at;
        return Optional.of(order);
    }

    /** The order was sent while the inventory had no online instance (the policy: send anyway). */
    void sentWhileRecipientOffline(String orderId) {
        sentWhileOffline.add(orderId);
        journal.sentWhileOffline(orderId);
    }

    /** A receipt for the message {@code messageId} arrived; repeats are counted, but once per message. */
    void receipt(String messageId, ReceiptStatus status, Instant at) {
        journal.receipt(messageId, status, at);
        receipts.incrementAndGet();
        receiptedMessages.computeIfAbsent(status, s -> ConcurrentHashMap.newKeySet()).add(messageId);
    }

    public int sentWhileRecipientOfflineCount() {
        return sentWhileOffline.size();
    }

    /** Distinct messages with a receipt of {@code status}. */
    public int receiptedCount(ReceiptStatus status) {
        Set<String> messages = receiptedMessages.get(status);
        return messages == null ? 0 : messages.size();
    }

    /** Every receipt received, repeats included. */
    public long receiptCount() {
        return receipts.get();
    }

    /** The orders the broker acknowledged. */
    public List<PlacedOrder> acknowledgedOrders() {
        List<PlacedOrder> orders = new ArrayList<>(acknowledged.size());
        acknowledged.forEach(id -> orders.add(placed.get(id)));
        return orders;
    }

    public int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Orders placed whose send failed or is still waiting for its acknowledgement. */
    public int unacknowledgedCount() {
        return placed.size() - acknowledged.size();
    }

    public Optional<Outcome> outcomeOf(String orderId) {
        return Optional.ofNullable(outcomes.get(orderId));
    }

    /** When the order's first answer arrived. */
    public Optional<Instant> answeredAt(String orderId) {
        return Optional.ofNullable(answeredAt.get(orderId));
    }

    public int answeredCount() {
        return outcomes.size();
    }

    public long count(Outcome outcome) {
        return outcomes.values().stream().filter(outcome::equals).count();
    }

    /** Answers repeated with the same outcome: harmless, and expected now and then. */
    public long duplicateAnswers() {
        return duplicates.get();
    }

    /** Answers that contradict the first answer to an order: a bug if ever above zero. */
    public long conflictingAnswers() {
        return conflicting.get();
    }

    public long strayAnswers() {
        return strays.get();
    }

    /** When the last first answer arrived; empty before any. */
    public Optional<Instant> lastAnswer() {
        return Optional.ofNullable(lastAnswer);
    }
}
