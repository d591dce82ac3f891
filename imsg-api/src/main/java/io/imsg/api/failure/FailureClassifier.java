package io.imsg.api.failure;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a failure is worth retrying. {@link NonRetryableException} and the configured
 * exception classes (and their subclasses) are not; {@link RetryableException} always is; anything
 * else is retryable. The whole cause chain is searched, so a wrapped non-retryable cause counts.
 *
 * <pre>{@code
 * FailureClassifier classifier = FailureClassifier.builder()
 *         .nonRetryable(IllegalArgumentException.class)
 *         .build();
 * }</pre>
 */
public final class FailureClassifier {

    /** Enough for any real wrapping; a guard against cyclic or absurdly deep cause chains. */
    private static final int MAX_CAUSE_DEPTH = 16;

    private static final FailureClassifier DEFAULTS = builder().build();

    private final Set<Class<? extends Throwable>> nonRetryable;

    private FailureClassifier(Set<Class<? extends Throwable>> nonRetryable) {
        this.nonRetryable = Set.copyOf(nonRetryable);
    }

    public static FailureClassifier defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isRetryable(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
            if (current instanceof RetryableException) {
                return true;
            }
            if (current instanceof NonRetryableException || isConfiguredNonRetryable(current)) {
                return false;
            }
            current = current.getCause();
        }
        return true;
    }

    private boolean isConfiguredNonRetryable(Throwable failure) {
        for (Class<? extends Throwable> type : nonRetryable) {
            if (type.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }

    public static final class Builder {

        private final Set<Class<? extends Throwable>> nonRetryable = new LinkedHashSet<>();

        private Builder() {}

        /** Failures of this class (or a subclass) skip retries and go to the dead-letter topic. */
        public Builder nonRetryable(Class<? extends Throwable> type) {
            nonRetryable.add(Objects.requireNonNull(type, "nonRetryable type must not be null"));
            return this;
        }

        public FailureClassifier build() {
            return new FailureClassifier(nonRetryable);
        }
    }
}
