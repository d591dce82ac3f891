package io.imsg.handler.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * One entry's key in {@link InMemoryIdempotencyStore}. Message ids come from the wire and may be as
 * long as the decoder allows (a megabyte by default), so ids longer than {@link #MAX_KEPT_LENGTH}
 * are kept as their SHA-256 digest: memory per entry stays bounded, and distinct ids stay distinct,
 * which truncating would not guarantee. {@code digested} keeps a digest from ever equalling an id
 * that happens to spell it.
 */
record StoreKey(String scope, String id, boolean digested) {

    /** Long enough for a UUID (36) or a ULID (26) with a prefix; longer ids are digested. */
    static final int MAX_KEPT_LENGTH = 64;

    static StoreKey of(String scope, String messageId) {
        requireNonBlank(scope, "scope");
        requireNonBlank(messageId, "messageId");
        if (messageId.length() <= MAX_KEPT_LENGTH) {
            return new StoreKey(scope, messageId, false);
        }
        return new StoreKey(scope, sha256(messageId), true);
    }

    private static String sha256(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static void requireNonBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** For exception messages: bounded in length, since a long id appears as its digest. */
    String describe() {
        return "message " + (digested ? "with SHA-256 " : "") + id + " in scope '" + scope + "'";
    }
}
