package io.imsg.testkit.fault;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Appends lines to one ledger file so that a {@code kill -9} loses nothing a call returned from.
 *
 * <p>Why it is crash-safe: every line is one {@code write(2)} on a file opened with
 * {@code O_APPEND}, with no buffer in this JVM. Once {@link #append} returns, the line is in the
 * operating system's page cache, which a killed process cannot take back. (A power cut could;
 * fault tests kill processes, not machines, so there is no {@code fsync}.)
 *
 * <p>Thread-safe. One writer per file and process: processes write separate files, so no two
 * writers ever share a file.
 */
public final class LedgerWriter implements AutoCloseable {

    private final Path file;
    private final FileOutputStream out;

    LedgerWriter(Path file) {
        this.file = file;
        try {
            this.out = new FileOutputStream(file.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open ledger " + file, e);
        }
    }

    /**
     * Appends one line made of {@code fields} separated by single spaces.
     *
     * @throws IllegalArgumentException if a field is empty or holds whitespace, which would make
     *     the line unreadable
     */
    public void append(String... fields) {
        byte[] line = line(fields);
        synchronized (this) {
            try {
                out.write(line); // one unbuffered write: the whole line or, after a crash, nothing
            } catch (IOException e) {
                throw new UncheckedIOException("could not append to ledger " + file, e);
            }
        }
    }

    /** The file this writer appends to. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close ledger " + file, e);
        }
    }

    private static byte[] line(String... fields) {
        if (fields.length == 0) {
            throw new IllegalArgumentException("a ledger line needs at least one field");
        }
        StringBuilder line = new StringBuilder(64);
        for (String field : fields) {
            if (field == null || field.isEmpty() || field.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("ledger fields must be non-empty and without whitespace, was '"
                        + field + "'");
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(field);
        }
        return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }
}
