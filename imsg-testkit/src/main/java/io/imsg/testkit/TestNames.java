package io.imsg.testkit;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Unique topic and consumer group names, so tests that share one broker never see each
 * other's records or offsets: {@code unique("orders")} gives {@code orders-3f9a1c-7}, with a
 * part random per JVM and a counter. Thread-safe.
 */
public final class TestNames {

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final int MAX_PREFIX = 200; // Kafka allows 249 characters in a topic name
    private static final String RUN = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0x1000000));
    private static final AtomicLong COUNTER = new AtomicLong();

    private TestNames() {}

    /**
     * A name starting with {@code prefix} that no other call in any JVM is likely to return,
     * and that is legal for Kafka topics and groups.
     *
     * @throws IllegalArgumentException if {@code prefix} is empty, longer than 200 characters,
     *     or has characters other than ASCII letters, digits, '.', '_' and '-'
     */
    public static String unique(String prefix) {
        Objects.requireNonNull(prefix, "prefix must not be null");
        if (prefix.length() > MAX_PREFIX || !LEGAL.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix must be 1 to " + MAX_PREFIX
                    + " characters of [a-zA-Z0-9._-], was '" + prefix + "'");
        }
        return prefix + "-" + RUN + "-" + COUNTER.incrementAndGet();
    }
}
