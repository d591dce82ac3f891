package io.imsg.kafka.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;

/**
 * Refuses raw Kafka client properties that turn configuration into code execution or file and
 * network reads (docs/security.md, "Config hardening"). Application config feeds
 * {@code KafkaSettings.clientProperty}, so whoever can edit it must not be able to load a JNDI
 * login module (CVE-2023-25194), a config provider that reads files, environment or URLs
 * (CVE-2024-31141), or replace the byte serializers iMSG relies on.
 *
 * <p>Messages name the property, never its value: a value may hold a password.
 */
public final class ClientPropertyGuard {

    /** The only login modules a client may name in {@code sasl.jaas.config}. */
    public static final Set<String> ALLOWED_LOGIN_MODULES = Set.of(
            "org.apache.kafka.common.security.scram.ScramLoginModule",
            "org.apache.kafka.common.security.plain.PlainLoginModule",
            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule");

    private static final String JAAS = "sasl.jaas.config";

    /** Class-valued SASL settings: a class named here runs inside the client. Kafka's own only. */
    private static final Set<String> KAFKA_CLASSES_ONLY = Set.of(
            "sasl.login.class", "sasl.login.callback.handler.class", "sasl.client.callback.handler.class",
            "ssl.engine.factory.class");

    /** iMSG moves bytes; a different (de)serializer would break decoding and its limits. */
    private static final Set<String> OWNED_BY_IMSG = Set.of(
            "key.serializer", "value.serializer", "key.deserializer", "value.deserializer",
            "enable.auto.commit", "enable.idempotence", "acks");

    private ClientPropertyGuard() {}

    /** @throws IllegalArgumentException naming the first refused property */
    public static void check(Map<String, String> properties) {
        properties.forEach(ClientPropertyGuard::check);
    }

    static void check(String name, String value) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (key.equals("config.providers") || key.startsWith("config.providers.")) {
            throw refused(name, "config providers read files, environment variables or URLs when a client starts;"
                    + " resolve secrets before building KafkaSettings");
        }
        if (OWNED_BY_IMSG.contains(key)) {
            throw refused(name, "iMSG sets it itself and its guarantees depend on it");
        }
        if (KAFKA_CLASSES_ONLY.contains(key) && !value.trim().startsWith("org.apache.kafka.")) {
            throw refused(name, "only Kafka's own classes (org.apache.kafka.*) are allowed here");
        }
        if (key.equals(JAAS)) {
            checkLoginModules(name, value);
        }
    }

    private static void checkLoginModules(String name, String value) {
        // Named modules first, so the error can say which one; then Kafka's own parser for the syntax.
        for (String module : loginModules(value)) {
            if (!ALLOWED_LOGIN_MODULES.contains(module)) {
                throw refused(name, "login module " + module + " is not one of "
                        + ALLOWED_LOGIN_MODULES.stream().sorted().toList());
            }
        }
        try {
            JaasContext.loadClientContext(Map.of(JAAS, new Password(value)));
        } catch (RuntimeException malformed) {
            // Kafka's parser quotes the text it failed on, password included: drop its message.
            throw refused(name, "it is not a valid JAAS configuration");
        }
    }

    /** The first word of each ';'-terminated entry, skipping quoted option values. */
    static List<String> loginModules(String jaas) {
        List<String> modules = new ArrayList<>();
        StringBuilder entry = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < jaas.length(); i++) {
            char c = jaas.charAt(i);
            if (quoted && c == '\\') {
                i++;
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                addModule(entry, modules);
                entry.setLength(0);
                continue;
            }
            entry.append(quoted ? ' ' : c);
        }
        addModule(entry, modules);
        return modules;
    }

    private static void addModule(StringBuilder entry, List<String> modules) {
        String text = entry.toString().strip();
        if (!text.isEmpty()) {
            modules.add(text.split("\\s+", 2)[0]);
        }
    }

    private static IllegalArgumentException refused(String name, String why) {
        return new IllegalArgumentException("clientProperty '" + name + "' is not allowed: " + why);
    }
}
