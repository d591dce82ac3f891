package io.imsg.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that talks to Kafka: applies {@link ImsgKafkaExtension}, which injects the
 * run's one shared broker as a {@link KafkaBroker} (or {@link EmbeddedKafka}) parameter, and
 * tags the class {@code kafka}.
 *
 * <pre>{@code
 * @ImsgKafkaTest
 * class OrdersIT {
 *     @Test
 *     void ordersArrive(KafkaBroker broker) {
 *         String topic = TestNames.unique("orders");
 *         broker.createTopic(topic, 3);
 *         ...
 *     }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("kafka")
@ExtendWith(ImsgKafkaExtension.class)
public @interface ImsgKafkaTest {}
