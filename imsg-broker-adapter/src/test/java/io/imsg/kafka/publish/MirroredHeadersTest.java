package io.imsg.kafka.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.api.Message;
import io.imsg.api.Source;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.schema.Priority;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class MirroredHeadersTest {

    private static final Source IDENTITY = new Source("orders-service", "orders-1");

    private final MirroredHeaders mirrored = new MirroredHeaders(IDENTITY);

    @Test
    void idTypePriorityAndSourceAreMirroredInThatOrder() {
        Message<OrderPlaced> message = Message.builder(order()).id("m-1").priority(Priority.HIGH).source(IDENTITY)
                .build();

        assertThat(text(mirrored.of(message))).containsExactly(
                Map.entry(ImsgHeaders.MESSAGE_ID, "m-1"),
                Map.entry(ImsgHeaders.TYPE, "io.imsg.examples.orders.OrderPlaced"),
                Map.entry(ImsgHeaders.PRIORITY, "HIGH"),
                Map.entry(ImsgHeaders.SOURCE, "orders-service/orders-1"));
    }

    @Test
    void eachRecordGetsItsOwnIdAndAnotherSenderKeepsItsSource() {
        Message<OrderPlaced> first = Message.builder(order()).source(IDENTITY).build();
        Message<OrderPlaced> relayed = Message.builder(order()).priority(Priority.LOW)
                .source(new Source("billing-service", "billing-7")).build();

        Map<String, String> firstHeaders = text(mirrored.of(first));
        Map<String, String> relayedHeaders = text(mirrored.of(relayed));

        assertThat(firstHeaders).containsEntry(ImsgHeaders.MESSAGE_ID, first.id())
                .containsEntry(ImsgHeaders.PRIORITY, "NORMAL");
        assertThat(relayedHeaders).containsEntry(ImsgHeaders.MESSAGE_ID, relayed.id())
                .containsEntry(ImsgHeaders.PRIORITY, "LOW")
                .containsEntry(ImsgHeaders.SOURCE, "billing-service/billing-7");
    }

    @Test
    void writingIntoOneRecordsHeaderBytesLeavesTheNextRecordAlone() {
        // Kafka hands header arrays out as they are; an interceptor writing into one must not
        // change the type, priority or source of every later record.
        Message<OrderPlaced> message = Message.builder(order()).source(IDENTITY).build();
        Headers first = mirrored.of(message);
        for (Header header : first) {
            java.util.Arrays.fill(header.value(), (byte) 'X');
        }

        assertThat(text(mirrored.of(message)))
                .containsEntry(ImsgHeaders.TYPE, "io.imsg.examples.orders.OrderPlaced")
                .containsEntry(ImsgHeaders.PRIORITY, "NORMAL")
                .containsEntry(ImsgHeaders.SOURCE, "orders-service/orders-1");
    }

    @Test
    void aMessageWithoutASourceHasNoSourceHeader() {
        assertThat(text(mirrored.of(Message.of(order())))).doesNotContainKey(ImsgHeaders.SOURCE).hasSize(3);
    }

    private static Map<String, String> text(Headers headers) {
        Map<String, String> text = new LinkedHashMap<>();
        for (Header header : headers) {
            text.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return text;
    }

    private static OrderPlaced order() {
        return OrderPlaced.newBuilder().setOrderId("o-1").setSku("sku-1").setQuantity(1).build();
    }
}
