package io.imsg.examples.orders;

import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Writes every meter of a registry to a text file, one line per meter ({@code name{tags} stat=value
 * ...}), every few seconds and when closed: the simplest way to look at a running example
 * service's {@code imsg.*} meters without a monitoring system. The file is replaced atomically, so
 * a reader never sees half of it.
 */
public final class MeterFile implements AutoCloseable {

    private static final long INTERVAL_SECONDS = 2;

    private final MeterRegistry registry;
    private final Path file;
    private final ScheduledExecutorService writer;

    private MeterFile(MeterRegistry registry, Path file) {
        this.registry = registry;
        this.file = file.toAbsolutePath();
        this.writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "imsg-meter-file");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts writing {@code registry} to {@code file}. */
    public static MeterFile start(MeterRegistry registry, Path file) {
        MeterFile meters = new MeterFile(registry, file);
        meters.writer.scheduleWithFixedDelay(meters::writeQuietly, INTERVAL_SECONDS, INTERVAL_SECONDS,
                TimeUnit.SECONDS);
        return meters;
    }

    /** The meters as text, sorted by name. */
    public static String render(MeterRegistry registry) {
        List<String> lines = new ArrayList<>();
        for (Meter meter : registry.getMeters()) {
            String tags = meter.getId().getTags().stream().map(tag -> tag.getKey() + "=" + tag.getValue())
                    .collect(Collectors.joining(",", "{", "}"));
            StringBuilder line = new StringBuilder(meter.getId().getName()).append(tags);
            for (Measurement measurement : meter.measure()) {
                line.append(' ').append(measurement.getStatistic().getTagValueRepresentation()).append('=')
                        .append(String.format(Locale.ROOT, "%.3f", measurement.getValue()));
            }
            lines.add(line.toString());
        }
        lines.sort(null);
        return String.join("\n", lines) + "\n";
    }

    private void writeQuietly() {
        try {
            write();
        } catch (UncheckedIOException e) {
            // The next round tries again; meters are a view, not a record.
        }
    }

    private void write() {
        try {
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.writeString(next, render(registry));
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write meters to " + file, e);
        }
    }

    /** Writes the file one last time and stops. */
    @Override
    public void close() {
        writer.shutdownNow();
        writeQuietly();
    }
}
