package io.imsg.kafka.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JVM-wide Kafka hardening applied before iMSG creates its first Kafka client: unless the
 * operator chose otherwise with {@code -Dorg.apache.kafka.automatic.config.providers=...}, no
 * config provider may be instantiated automatically ({@code none}). Kafka reads the property each
 * time a configuration is built, so setting it once before the first client is enough.
 */
public final class JvmHardening {

    /** Kafka's {@code AbstractConfig.AUTOMATIC_CONFIG_PROVIDERS_PROPERTY}. */
    public static final String AUTOMATIC_CONFIG_PROVIDERS = "org.apache.kafka.automatic.config.providers";

    private static final Logger log = LoggerFactory.getLogger(JvmHardening.class);

    private static boolean warned;

    private JvmHardening() {}

    /** Idempotent and cheap; an operator's explicit choice is kept and logged once. */
    public static synchronized void apply() {
        String current = System.getProperty(AUTOMATIC_CONFIG_PROVIDERS);
        if (current == null) {
            System.setProperty(AUTOMATIC_CONFIG_PROVIDERS, "none");
            log.debug("IMSG-1900 {}=none: Kafka config providers disabled", AUTOMATIC_CONFIG_PROVIDERS);
        } else if (!current.equals("none") && !warned) {
            warned = true;
            log.warn("IMSG-1901 {} is set to '{}' by the operator: those config providers may run", AUTOMATIC_CONFIG_PROVIDERS,
                    current);
        }
    }
}
