package io.imsg.kafka;

import java.time.Duration;

/** Argument checks for settings builders; every message names the setting. */
public final class Checks {

    private Checks() {}

    public static String nonBlank(String value, String setting) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(setting + " must not be blank");
        }
        return value;
    }

    public static <T> T required(T value, String setting) {
        if (value == null) {
            throw new IllegalStateException(setting + " is required but was not set");
        }
        return value;
    }

    public static int atLeast(int value, int minimum, String setting) {
        if (value < minimum) {
            throw new IllegalArgumentException(setting + " must be >= " + minimum + " (was " + value + ")");
        }
        return value;
    }

    public static long atLeast(long value, long minimum, String setting) {
        if (value < minimum) {
            throw new IllegalArgumentException(setting + " must be >= " + minimum + " (was " + value + ")");
        }
        return value;
    }

    public static Duration positive(Duration value, String setting) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be a positive duration (was " + value + ")");
        }
        return value;
    }
}
