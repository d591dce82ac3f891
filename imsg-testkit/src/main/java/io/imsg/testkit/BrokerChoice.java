package io.imsg.testkit;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which broker a test run asks for, from the system property {@value #PROPERTY}:
 * {@code embedded}, {@code testcontainers} or {@code auto} (the default).
 */
public enum BrokerChoice {
    /** Always the embedded broker in a child JVM. */
    EMBEDDED,
    /** Always Testcontainers; fails when Docker is not available. */
    TESTCONTAINERS,
    /** Testcontainers when Docker is available and the container starts, else embedded. */
    AUTO;

    /** The system property that chooses. */
    public static final String PROPERTY = "imsg.test.broker";

    /**
     * Parses a property value, ignoring case and surrounding blanks; null or blank means
     * {@link #AUTO}.
     *
     * @throws IllegalArgumentException naming the property and the values allowed
     */
    public static BrokerChoice parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        String normalized = value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(choice -> choice.name().equals(normalized))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(PROPERTY + " must be one of embedded, testcontainers, auto;"
                        + " was '" + value + "'"));
    }

    /** The choice of this JVM's system property {@value #PROPERTY}. */
    public static BrokerChoice fromSystemProperty() {
        return parse(System.getProperty(PROPERTY));
    }
}
