package io.imsg.examples.orders.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.Message;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.examples.testing.FakePublisher;
import io.imsg.schema.Priority;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderJournalTest {

    @TempDir
    Path dir;

    @Test
    void anotherProcessReadingTheJournalSeesTheSameBook() {
        Path file = dir.resolve("orders.journal");
        try (OrderJournal journal = OrderJournal.appendingTo(file)) {
            OrderBook book = new OrderBook(journal);
            OrderDesk desk = new OrderDesk(new FakePublisher()::publish, book, RecipientPresence.assumeOnline());
            OrderReplies replies = new OrderReplies(book, new LatencyByPriority());
            desk.place(new OrderPlaced("o-1", "SKU-01", 2, true));
            desk.place(new OrderPlaced("o-2", "SKU-02", 1, false));
            replies.reserved(Message.of(new InventoryReserved("o-1", "SKU-01", 2, 5)), null);
            replies.reserved(Message.of(new InventoryReserved("o-1", "SKU-01", 2, 5)), null); // redelivered
        }

        OrderBook replayed = new OrderJournalReader(file).catchUp();

        assertThat(replayed.acknowledgedCount()).isEqualTo(2);
        assertThat(replayed.outcomeOf("o-1")).contains(OrderBook.Outcome.RESERVED);
        assertThat(replayed.outcomeOf("o-2")).isEmpty();
        assertThat(replayed.duplicateAnswers()).isEqualTo(1);
        assertThat(replayed.answeredAt("o-1")).isPresent();
        assertThat(replayed.acknowledgedOrders()).filteredOn(order -> order.orderId().equals("o-1"))
                .singleElement().satisfies(order -> assertThat(order.priority()).isEqualTo(Priority.HIGH));
    }

    @Test
    void aLineStillBeingWrittenIsReadOnceItIsComplete() throws Exception {
        Path file = dir.resolve("orders.journal");
        OrderJournalReader reader = new OrderJournalReader(file);
        assertThat(reader.catchUp().acknowledgedCount()).as("no file yet").isZero();

        append(file, "P\to-1\tm-1\tSKU-01\t2\tNORMAL\t2026-01-01T00:00:00Z\nA\to-");
        assertThat(reader.catchUp().acknowledgedCount()).isZero();

        append(file, "1\n");
        assertThat(reader.catchUp().acknowledgedCount()).isEqualTo(1);
    }

    @Test
    void aLineThatIsNotAJournalLineIsRefused() throws Exception {
        Path file = dir.resolve("orders.journal");
        append(file, "X\tsomething\n");

        assertThatThrownBy(() -> new OrderJournalReader(file).catchUp())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an order journal line");
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
