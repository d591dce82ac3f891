package io.imsg.testkit.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The append-only record of a fault run: one directory of line files, each named
 * {@code <name>.ledger}. Writers in several processes use distinct names (for example
 * {@code handled-<pid>}); readers merge every file of a family ({@code handled*}).
 *
 * <p>Lines are space-separated fields, first field the message id; for example {@code sent} holds
 * ids the producer saw acknowledged, and {@code handled-<pid>} holds {@code <id> <pid>} for every
 * successful handling in process {@code <pid>}. Thread-safe.
 *
 * <pre>{@code
 * Ledger ledger = Ledger.in(runDir);
 * ledger.writer("sent").append("m-17");
 * List<String> acknowledged = ledger.ids("sent");
 * }</pre>
 */
public final class Ledger implements AutoCloseable {

    private static final String SUFFIX = ".ledger";

    private final Path dir;
    private final Map<String, LedgerWriter> writers = new ConcurrentHashMap<>();

    private Ledger(Path dir) {
        this.dir = dir;
    }

    /** The ledger in {@code dir}, created if missing. */
    public static Ledger in(Path dir) {
        Objects.requireNonNull(dir, "dir must not be null");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create ledger directory " + dir, e);
        }
        return new Ledger(dir);
    }

    /** The directory holding the ledger files. */
    public Path dir() {
        return dir;
    }

    /** The writer of {@code <name>.ledger}, opened once and shared. */
    public LedgerWriter writer(String name) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("ledger name must be [A-Za-z0-9._-]+, was '" + name + "'");
        }
        return writers.computeIfAbsent(name, n -> new LedgerWriter(dir.resolve(n + SUFFIX)));
    }

    /**
     * The complete lines of {@code <name>.ledger}, or none if it does not exist. A last line
     * without its newline is ignored: its writer never returned from it.
     */
    public List<String> lines(String name) {
        Path file = dir.resolve(name + SUFFIX);
        return Files.exists(file) ? completeLines(file) : List.of();
    }

    /**
     * The complete lines of a family: {@code <family>.ledger} and every {@code <family>-*.ledger}
     * (one file per writing process), in file-name order.
     */
    public List<String> familyLines(String family) {
        List<String> lines = new ArrayList<>();
        for (Path file : files(family)) {
            lines.addAll(completeLines(file));
        }
        return lines;
    }

    /** The names of a family's ledgers ({@code handled-101}, {@code handled-202}), sorted. */
    public List<String> names(String family) {
        return files(family).stream().map(file -> {
            String name = file.getFileName().toString();
            return name.substring(0, name.length() - SUFFIX.length());
        }).toList();
    }

    /** The first field of every line of a family, with repetitions: usually message ids. */
    public List<String> ids(String family) {
        List<String> ids = new ArrayList<>();
        for (String line : familyLines(family)) {
            int space = line.indexOf(' ');
            ids.add(space < 0 ? line : line.substring(0, space));
        }
        return ids;
    }

    /** Closes this process's writers; files written by others are untouched. */
    @Override
    public void close() {
        writers.values().forEach(LedgerWriter::close);
        writers.clear();
    }

    private List<Path> files(String family) {
        try (Stream<Path> all = Files.list(dir)) {
            return all.filter(p -> {
                String file = p.getFileName().toString();
                return file.equals(family + SUFFIX) || file.startsWith(family + "-") && file.endsWith(SUFFIX);
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list ledger directory " + dir, e);
        }
    }

    private static List<String> completeLines(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read ledger " + file, e);
        }
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return List.of();
        }
        return text.substring(0, end).lines().filter(line -> !line.isEmpty()).toList();
    }
}
