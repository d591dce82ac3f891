package io.imsg.examples.orders.order;

import io.imsg.examples.orders.order.OrderBook.Outcome;
import io.imsg.examples.orders.order.OrderBook.PlacedOrder;
import io.imsg.schema.Priority;
import io.imsg.schema.ReceiptStatus;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The order service's {@link OrderBook} as an append-only text file, one tab-separated line per
 * event, flushed line by line, so that another process (the demo) can follow the orders while they
 * run and account for every one afterwards. Thread-safe.
 *
 * <pre>
 * P  orderId  messageId  sku  quantity  priority  createdAt    an order is about to be sent
 * A  orderId                                                   the broker acknowledged it
 * R  orderId  RESERVED|REJECTED  answeredAt                    an answer arrived (repeats too)
 * O  orderId                                                   sent while the inventory was offline
 * D  messageId  DELIVERED|PROCESSED|DEAD_LETTERED  at          a receipt arrived (repeats too)
 * </pre>
 */
public final class OrderJournal implements AutoCloseable {

    private final BufferedWriter writer;

    private OrderJournal(BufferedWriter writer) {
        this.writer = writer;
    }

    /** A journal that writes nothing. */
    public static OrderJournal none() {
        return new OrderJournal(null);
    }

    /** A journal appending to {@code file}, which is created if missing. */
    public static OrderJournal appendingTo(Path file) {
        try {
            return new OrderJournal(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the order journal " + file, e);
        }
    }

    void placed(PlacedOrder order) {
        write("P\t" + order.orderId() + "\t" + order.messageId() + "\t" + order.sku() + "\t" + order.quantity()
                + "\t" + order.priority() + "\t" + order.createdAt());
    }

    void acknowledged(String orderId) {
        write("A\t" + orderId);
    }

    void answered(String orderId, Outcome outcome, Instant at) {
        write("R\t" + orderId + "\t" + outcome + "\t" + at);
    }

    void sentWhileOffline(String orderId) {
        write("O\t" + orderId);
    }

    void receipt(String messageId, ReceiptStatus status, Instant at) {
        write("D\t" + messageId + "\t" + status + "\t" + at);
    }

    /** Applies one journal line to {@code book}, as the original event did. */
    static void replay(String line, OrderBook book) {
        String[] fields = line.split("\t");
        switch (fields[0]) {
            case "P" -> book.placed(new PlacedOrder(fields[1], fields[2], fields[3], Integer.parseInt(fields[4]),
                    Priority.valueOf(fields[5]), Instant.parse(fields[6])));
            case "A" -> book.acknowledged(fields[1]);
            case "R" -> book.answer(fields[1], Outcome.valueOf(fields[2]), Instant.parse(fields[3]));
            case "O" -> book.sentWhileRecipientOffline(fields[1]);
            case "D" -> book.receipt(fields[1], ReceiptStatus.valueOf(fields[2]), Instant.parse(fields[3]));
            default -> throw new IllegalArgumentException("not an order journal line: " + line);
        }
    }

    private synchronized void write(String line) {
        if (writer == null) {
            return;
        }
        try {
            writer.write(line);
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the order journal", e);
        }
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the order journal", e);
            }
        }
    }
}
