package io.imsg.examples.load;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The simulated work of a load-test handler: nothing, a CPU spin, or a sleep (a handler waiting on
 * I/O), for a fixed time per message. Parsed from {@code none}, {@code cpu:50us}, {@code sleep:5ms}.
 *
 * @param kind what the handler does
 * @param time how long it does it; zero for {@link Kind#NONE}
 */
public record Work(Kind kind, Duration time) {

    /** What a handler does with its time. */
    public enum Kind { NONE, CPU, SLEEP }

    public Work {
        Objects.requireNonNull(kind, "work kind must not be null");
        Objects.requireNonNull(time, "work time must not be null");
        if (time.isNegative()) {
            throw new IllegalArgumentException("work time must be >= 0, was " + time);
        }
    }

    public static Work none() {
        return new Work(Kind.NONE, Duration.ZERO);
    }

    /**
     * {@code none}, or {@code cpu:<n><unit>} / {@code sleep:<n><unit>} with unit {@code us},
     * {@code ms} or {@code s}.
     */
    public static Work parse(String text) {
        String spec = Objects.requireNonNull(text, "work must not be null").trim().toLowerCase(Locale.ROOT);
        if (spec.equals("none")) {
            return none();
        }
        int colon = spec.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("work must be none, cpu:<time> or sleep:<time> (e.g. sleep:5ms), was '"
                    + text + "'");
        }
        Kind kind = switch (spec.substring(0, colon)) {
            case "cpu" -> Kind.CPU;
            case "sleep" -> Kind.SLEEP;
            default -> throw new IllegalArgumentException("work kind must be cpu or sleep, was '" + text + "'");
        };
        return new Work(kind, parseTime(spec.substring(colon + 1), text));
    }

    private static Duration parseTime(String time, String original) {
        try {
            if (time.endsWith("us")) {
                return Duration.ofNanos(Long.parseLong(time.substring(0, time.length() - 2)) * 1_000);
            } else if (time.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(time.substring(0, time.length() - 2)));
            } else if (time.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(time.substring(0, time.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("work time must be a whole number with unit us, ms or s (e.g. 5ms), was '"
                + original + "'");
    }

    /** Does the work on the calling thread. */
    public void perform() throws InterruptedException {
        switch (kind) {
            case NONE -> { }
            case SLEEP -> Thread.sleep(time.toMillis(), time.toNanosPart() % 1_000_000);
            case CPU -> spin(time.toNanos());
        }
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    @Override
    public String toString() {
        return kind == Kind.NONE ? "none" : kind.name().toLowerCase(Locale.ROOT) + ":" + time.toNanos() / 1_000 + "us";
    }
}
