package io.imsg.kafka.retry;

import java.time.Duration;

/** Names retry topics {@code <topic>.retry.<delay>}: {@code orders.retry.500ms}, {@code orders.retry.10s}, {@code orders.retry.1m}. */
public final class RetryTopicNames {

    private RetryTopicNames() {}

    public static String of(String baseTopic, Duration delay) {
        return baseTopic + ".retry." + format(delay);
    }

    /** The largest whole unit: 90s stays "90s", 120s becomes "2m", 1500ms stays "1500ms". */
    static String format(Duration delay) {
        long millis = delay.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }
}
