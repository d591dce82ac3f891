package io.imsg.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit extension that gives tests one Kafka broker for the whole test run.
 *
 * <p>The broker starts when a test first asks for it, as a parameter of type
 * {@link KafkaBroker} (whatever {@value BrokerChoice#PROPERTY} chose) or {@link EmbeddedKafka}
 * (for tests that kill, restart or suspend the broker). It lives in the root context's store,
 * so JUnit closes it once, at the end of the run. When the shared broker is not embedded, an
 * {@code EmbeddedKafka} parameter gets a second broker of its own, also closed at the end.
 *
 * <p>Tests share the broker: they name their topics and groups with
 * {@link TestNames#unique(String)}, and a test that kills or suspends it must bring it back
 * ({@link EmbeddedKafka#restart()}, {@link EmbeddedKafka#resume()}) before it ends. A fault
 * test that would rather not disturb others builds a private {@link EmbeddedKafka}.
 *
 * <p>Usually applied through {@link ImsgKafkaTest}.
 */
public final class ImsgKafkaExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ImsgKafkaExtension.class);
    private static final String SHARED = "shared-broker";
    private static final String EMBEDDED = "embedded-broker";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaBroker.class || type == EmbeddedKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        KafkaBroker shared = store.computeIfAbsent(SHARED, key -> KafkaBrokers.start(), KafkaBroker.class);
        if (parameter.getParameter().getType() == KafkaBroker.class) {
            return shared;
        }
        if (shared instanceof EmbeddedKafka embedded) {
            return embedded;
        }
        return store.computeIfAbsent(EMBEDDED, key -> EmbeddedKafka.builder().build().start(), EmbeddedKafka.class);
    }
}
