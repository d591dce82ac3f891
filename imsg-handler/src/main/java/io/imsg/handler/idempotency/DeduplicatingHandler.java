package io.imsg.handler.idempotency;

import io.imsg.api.Context;
import io.imsg.api.Handler;
import io.imsg.api.Message;
import io.imsg.api.idempotency.Claim;
import io.imsg.api.idempotency.IdempotencyStore;
import io.micrometer.core.instrument.Counter;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One route's handler behind a claim on the message id: see {@link DedupMiddleware}. */
final class DeduplicatingHandler implements Handler<SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(DeduplicatingHandler.class);

    private final IdempotencyStore store;
    private final String scope;
    private final Counter deduplicated;
    private final Handler<SpecificRecord> next;

    DeduplicatingHandler(IdempotencyStore store, String scope, Counter deduplicated, Handler<SpecificRecord> next) {
        this.store = store;
        this.scope = scope;
        this.deduplicated = deduplicated;
        this.next = next;
    }

    @Override
    public void handle(Message<SpecificRecord> message, Context context) throws Exception {
        String id = message.id();
        Claim claim = store.tryBegin(scope, id);
        if (claim == null) {
            throw new IllegalStateException(store + " returned no claim for route '" + scope
                    + "'; IdempotencyStore.tryBegin must return ACQUIRED, ALREADY_COMPLETED or IN_PROGRESS");
        }
        switch (claim) {
            case ACQUIRED -> handleClaimed(message, context);
            case ALREADY_COMPLETED -> skip(context);
            case IN_PROGRESS -> throw new DuplicateInProgressException(scope, id, context.origin());
        }
    }

    private void handleClaimed(Message<SpecificRecord> message, Context context) throws Exception {
        try {
            next.handle(message, context);
        } catch (Throwable failure) {
            try {
                store.abandon(scope, message.id());
            } catch (RuntimeException abandonFailure) {
                failure.addSuppressed(abandonFailure); // the handler's failure is the one to report
            }
            throw failure;
        }
        // The claim ends when the delivery settles, not now: completing before the handler's outputs
        // are acknowledged would let a crash in between skip the redelivery, and the outputs would
        // never be sent. If complete throws, the subscriber leaves the record uncommitted; the claim
        // is ended all the same (the store's contract), so it is not abandoned here.
        context.onSettled(published -> {
            if (published) {
                store.complete(scope, message.id());
            } else {
                store.abandon(scope, message.id());
            }
        });
    }

    private void skip(Context context) {
        deduplicated.increment();
        // The record's coordinates, not the id: ids come from the wire and may be huge.
        log.debug("IMSG-1600 skipped {} on route '{}': its message id was already handled", context.origin(), scope);
    }
}
