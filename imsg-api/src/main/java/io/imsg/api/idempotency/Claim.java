package io.imsg.api.idempotency;

/**
 * The answer of {@link IdempotencyStore#tryBegin}: may this caller apply the message's effects now?
 *
 * <pre>{@code
 * switch (store.tryBegin(route.name(), message.id())) {
 *     case ACQUIRED -> runThenCompleteOrAbandon(message);
 *     case ALREADY_COMPLETED -> { }                       // a redelivery: its effects are applied
 *     case IN_PROGRESS -> throw new RetryableException("being handled elsewhere; try later");
 * }
 * }</pre>
 */
public enum Claim {

    /**
     * This caller now holds the claim and must end it with exactly one call of
     * {@link IdempotencyStore#complete} (the effects were applied) or
     * {@link IdempotencyStore#abandon} (they were not).
     */
    ACQUIRED,

    /** The message was already handled on this scope; applying its effects again would duplicate them. */
    ALREADY_COMPLETED,

    /**
     * Another caller holds the claim right now. Its outcome is unknown, so this caller must neither
     * apply the effects (they would run twice, concurrently) nor treat the message as done (the
     * holder may still fail): the delivery has to be tried again later.
     */
    IN_PROGRESS
}
