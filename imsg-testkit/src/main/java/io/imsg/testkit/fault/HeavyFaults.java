package io.imsg.testkit.fault;

import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The switch for heavy fault runs (hundreds of thousands of messages, several faults), which do
 * not belong in every CI build: they run only with {@code -Dimsg.faults.heavy=true}. Skipped runs
 * say how to run them.
 *
 * <pre>{@code
 * @Test
 * void heavyRun() {
 *     HeavyFaults.assumeEnabled("./mvnw -pl my-module verify -Dit.test=MyFaultIT -Dimsg.faults.heavy=true");
 *     // ...
 * }
 * }</pre>
 */
public final class HeavyFaults {

    /** The system property that enables heavy fault runs. */
    public static final String PROPERTY = "imsg.faults.heavy";

    private static final Logger LOG = LoggerFactory.getLogger(HeavyFaults.class);

    private HeavyFaults() {}

    /** Whether heavy runs are enabled in this JVM. */
    public static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }

    /**
     * Aborts the calling test (a JUnit assumption, so it counts as skipped) unless heavy runs are
     * enabled, printing {@code howToRun}.
     */
    public static void assumeEnabled(String howToRun) {
        if (!enabled()) {
            String message = "heavy fault run skipped; run it with: " + howToRun;
            LOG.info("IMSG-9114 {}", message);
            System.out.println(message);
        }
        Assumptions.assumeTrue(enabled(), () -> "heavy fault run skipped; run it with: " + howToRun);
    }
}
