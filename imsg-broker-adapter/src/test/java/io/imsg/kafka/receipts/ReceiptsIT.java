package io.imsg.kafka.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.imsg.api.Message;
import io.imsg.api.Source;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.api.failure.NonRetryableException;
import io.imsg.api.receipt.Replies;
import io.imsg.api.receipt.ReplyTimeoutException;
import io.imsg.api.receipt.RequestDeadLetteredException;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.kafka.KafkaMessaging;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.codec.AvroEnvelopeCodec;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.SchemaRegistry;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.schema.Receipt;
import io.imsg.schema.ReceiptStatus;
import io.imsg.testkit.ImsgKafkaTest;
import io.imsg.testkit.KafkaBroker;
import io.imsg.testkit.TestNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Receipts and request/reply between two services on the real broker: a shop that sends and asks,
 * and an inventory that handles, fails (orders whose id starts with "bad") and answers.
 */
@ImsgKafkaTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReceiptsIT {

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final Set<String> handledOrders = ConcurrentHashMap.newKeySet();
    private String orders;
    private String queries;
    private KafkaMessaging shop;

    @BeforeEach
    void startServices(KafkaBroker broker) {
        orders = TestNames.unique("orders");
        queries = TestNames.unique("stock-queries");
        broker.createTopic(orders, 3);
        broker.createTopic(queries, 3);
        Router router = Router.builder()
                .route(orders, OrderPlaced.class, (message, context) -> {
                    handledOrders.add(message.payload().getOrderId());
                    if (message.payload().getOrderId().startsWith("bad")) {
                        throw new NonRetryableException("no such sku " + message.payload().getSku());
                    }
                })
                .route(queries, OrderPlaced.class, (request, context) -> {
                    if (request.payload().getOrderId().startsWith("bad")) {
                        throw new NonRetryableException("cannot answer " + request.payload().getOrderId());
                    }
                    OrderPlaced order = request.payload();
                    Replies.reply(context, request, new InventoryReserved(order.getOrderId(), order.getSku(),
                            order.getQuantity(), 100 - order.getQuantity()));
                })
                .build();
        KafkaMessaging inventory = KafkaMessaging.builder(kafka(broker, "inventory"))
                .routes(router, SubscriberSettings.builder(TestNames.unique("inventory")).concurrency(8).build())
                .publishes(InventoryReserved.class).meterRegistry(new SimpleMeterRegistry()).build();
        closing.add(inventory);
        inventory.start();
        shop = KafkaMessaging.builder(kafka(broker, "shop")).publishes(OrderPlaced.class).replyTypes(InventoryReserved.class)
                .replies(ReplySettings.ofDefaults().withTopic(TestNames.unique("_imsg.replies.shop")))
                .meterRegistry(new SimpleMeterRegistry()).build();
        closing.add(shop);
        shop.start();
    }

    @AfterEach
    void stopServices() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    @Test
    void processedAndDeadLetteredMessagesSendTheReceiptsTheirSenderAskedFor() {
        Map<String, List<Receipt>> receipts = new ConcurrentHashMap<>();
        shop.requester().onReceipt(r -> receipts.computeIfAbsent(r.getMessageId(), k -> new CopyOnWriteArrayList<>()).add(r));
        Requester requester = shop.requester();
        Message<OrderPlaced> good = Message.of(new OrderPlaced("good-1", "sku-1", 1, false));
        Message<OrderPlaced> bad = Message.of(new OrderPlaced("bad-1", "sku-x", 1, false));
        Message<OrderPlaced> quiet = Message.of(new OrderPlaced("good-2", "sku-2", 1, false));

        requester.send(orders, good, ReceiptStatus.DELIVERED, ReceiptStatus.PROCESSED, ReceiptStatus.DEAD_LETTERED).join();
        requester.send(orders, bad, ReceiptStatus.DELIVERED, ReceiptStatus.PROCESSED, ReceiptStatus.DEAD_LETTERED).join();
        shop.publisher().publish(orders, quiet).join();

        await().atMost(Duration.ofSeconds(60)).until(() -> statuses(receipts, good.id()).size() == 2
                && statuses(receipts, bad.id()).size() == 2);
        assertThat(statuses(receipts, good.id())).containsExactly(ReceiptStatus.DELIVERED, ReceiptStatus.PROCESSED);
        assertThat(statuses(receipts, bad.id())).containsExactly(ReceiptStatus.DELIVERED, ReceiptStatus.DEAD_LETTERED);
        Receipt deadLettered = receipts.get(bad.id()).get(1);
        assertThat(deadLettered.getReason()).isEqualTo(NonRetryableException.class.getName() + ": no such sku sku-x");
        assertThat(receipts.get(good.id()).get(1).getReason()).isNull();
        assertThat(receipts).as("no receipt for a message that asked for none").doesNotContainKey(quiet.id());
    }

    @Test
    void aThousandConcurrentRequestsAreEachCompletedByTheirOwnReply() throws Exception {
        List<CompletableFuture<Message<InventoryReserved>>> replies = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            OrderPlaced query = new OrderPlaced("q-" + i, "sku-" + (i % 50), 1 + i % 7, false);
            replies.add(shop.requester().request(queries, Message.builder(query).key(query.getSku()).build(),
                    InventoryReserved.class, Duration.ofSeconds(60)));
        }
        CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        for (int i = 0; i < 1_000; i++) {
            InventoryReserved reply = replies.get(i).join().payload();
            assertThat(reply.getOrderId()).isEqualTo("q-" + i);
            assertThat(reply.getRemaining()).isEqualTo(100 - (1 + i % 7));
        }
        assertThat(shop.requester().pendingRequests()).isZero();
        System.out.printf("1,000 concurrent requests answered in %d ms%n", millis);
    }

    @Test
    void aRequestNobodyAnswersTimesOutCleanlyAndADeadLetteredOneFailsAtOnce(KafkaBroker broker) {
        String unanswered = TestNames.unique("nobody-listens");
        broker.createTopic(unanswered, 1);

        CompletableFuture<Message<InventoryReserved>> silent = shop.requester().request(unanswered,
                Message.of(new OrderPlaced("q-silent", "sku", 1, false)), InventoryReserved.class, Duration.ofSeconds(2));
        CompletableFuture<Message<InventoryReserved>> refused = shop.requester().request(queries,
                Message.of(new OrderPlaced("bad-q", "sku", 1, false)), InventoryReserved.class, Duration.ofSeconds(60));

        assertThatThrownBy(() -> refused.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RequestDeadLetteredException.class).hasMessageContaining("cannot answer bad-q");
        assertThatThrownBy(() -> silent.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ReplyTimeoutException.class).hasMessageContaining("within PT2S");
        assertThat(shop.requester().pendingRequests()).isZero();
    }

    private static List<ReceiptStatus> statuses(Map<String, List<Receipt>> receipts, String id) {
        return receipts.getOrDefault(id, List.of()).stream().map(Receipt::getStatus).collect(Collectors.toList());
    }

    @Test
    void receiptsToAReplyTopicThatDoesNotExistCostTheReceiverNoWait(KafkaBroker broker) throws Exception {
        // A forged or stale imsg-reply-to under _imsg.replies. that names no topic. Before, the
        // DELIVERED receipt blocked the worker for the producer's max.block.ms (60 s) waiting for
        // metadata, and the PROCESSED one as long again; records of the key waited behind it.
        EnvelopeCodec codec = AvroEnvelopeCodec.create(SchemaRegistry.create(), List.of(OrderPlaced.class),
                DecodingLimits.ofDefaults());
        byte[] value = codec.encode(Message.builder(new OrderPlaced("forged-1", "sku-1", 1, false)).key("k")
                .source(new Source("forger", "f-1")).build());
        ProducerRecord<byte[], byte[]> forged = new ProducerRecord<>(orders, "k".getBytes(StandardCharsets.UTF_8), value);
        forged.headers().add(ImsgHeaders.RECEIPTS, "DELIVERED,PROCESSED".getBytes(StandardCharsets.UTF_8));
        forged.headers().add(ImsgHeaders.REPLY_TO, TestNames.unique("_imsg.replies.gone").getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            raw.send(forged).get();
        }
        shop.publisher().publish(orders, Message.builder(new OrderPlaced("after-1", "sku-1", 1, false)).key("k").build())
                .join();

        await().atMost(Duration.ofSeconds(20)).until(() -> handledOrders.containsAll(List.of("forged-1", "after-1")));
    }

    private static KafkaSettings kafka(KafkaBroker broker, String service) {
        return KafkaSettings.builder().bootstrapServers(broker.bootstrapServers()).service(service).build();
    }
}
