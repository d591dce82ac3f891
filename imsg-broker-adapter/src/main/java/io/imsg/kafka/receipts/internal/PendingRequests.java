package io.imsg.kafka.receipts.internal;

import io.imsg.api.Message;
import io.imsg.api.failure.ImsgException;
import io.imsg.api.receipt.ReplyTimeoutException;
import io.imsg.api.receipt.RequestDeadLetteredException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;

/**
 * Requests waiting for their reply, by request id; bounded, and each one ends by its reply, its
 * dead-letter receipt, its timeout or close, whichever comes first. Thread-safe.
 */
public final class PendingRequests {

    private record Pending(String topic, CompletableFuture<Message<SpecificRecord>> future) {}

    private final int max;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    public PendingRequests(int max) {
        this.max = max;
    }

    /** Registers a request before it is sent, so a fast reply cannot arrive first. */
    public CompletableFuture<Message<SpecificRecord>> register(String requestId, String topic, Duration timeout) {
        if (pending.size() >= max) {
            throw new ImsgException("too many requests waiting for a reply (maxPendingRequests " + max
                    + "); request " + requestId + " not sent");
        }
        Pending request = new Pending(topic, new CompletableFuture<>());
        if (pending.putIfAbsent(requestId, request) != null) {
            throw new IllegalArgumentException("a request with id " + requestId + " is already waiting for its reply");
        }
        CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS).execute(() -> {
            // Removed before it completes, so whoever sees the future done sees the slot free.
            if (pending.remove(requestId, request)) {
                request.future().completeExceptionally(new ReplyTimeoutException(requestId, topic, timeout));
            }
        });
        return request.future();
    }

    /** Completes the request {@code requestId} with {@code reply}; false when none is waiting. */
    public boolean reply(String requestId, Message<SpecificRecord> reply) {
        Pending request = pending.remove(requestId);
        return request != null && request.future().complete(reply);
    }

    /** Fails the request {@code requestId}, which was dead-lettered. */
    public void deadLettered(String requestId, String reason) {
        Pending request = pending.remove(requestId);
        if (request != null) {
            request.future().completeExceptionally(new RequestDeadLetteredException(requestId, request.topic(), reason));
        }
    }

    /** Fails a request that could not be sent. */
    public void failed(String requestId, Throwable failure) {
        Pending request = pending.remove(requestId);
        if (request != null) {
            request.future().completeExceptionally(failure);
        }
    }

    public int size() {
        return pending.size();
    }

    /** Fails every waiting request. */
    public void closeAll() {
        for (String requestId : pending.keySet()) {
            Pending request = pending.remove(requestId);
            if (request != null) {
                request.future().completeExceptionally(
                        new ImsgException("closed while waiting for a reply on " + request.topic()));
            }
        }
    }
}
