package io.imsg.examples.orders.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Follows an {@link OrderJournal} file written by another process and replays each complete line
 * into an {@link OrderBook}; a line still being written is kept for the next {@link #catchUp()}.
 * Not thread-safe.
 */
public final class OrderJournalReader {

    private final Path file;
    private final OrderBook book = new OrderBook();
    private long position;
    private String partial = "";

    public OrderJournalReader(Path file) {
        this.file = file;
    }

    /** Reads what was appended since the last call; returns the book, up to date. */
    public OrderBook catchUp() {
        if (!Files.exists(file)) {
            return book;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > position) {
                ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(size - position));
                while (bytes.hasRemaining() && channel.read(bytes, position + bytes.position()) >= 0) {
                    // read until the buffer is full
                }
                position = size;
                apply(partial + new String(bytes.array(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the order journal " + file, e);
        }
        return book;
    }

    private void apply(String text) {
        int end = text.lastIndexOf('\n');
        partial = text.substring(end + 1);
        if (end < 0) {
            return;
        }
        for (String line : text.substring(0, end).split("\n")) {
            if (!line.isBlank()) {
                OrderJournal.replay(line, book);
            }
        }
    }
}
