package io.imsg.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/** Creates and deletes the broker's data directories. */
public final class DataDirs {

    private DataDirs() {}

    /** A new, empty temporary directory for one broker, in {@code java.io.tmpdir}. */
    public static Path createTemp() {
        return createTemp(Optional.empty());
    }

    /** A new, empty temporary directory for one broker, in {@code root} when given. */
    public static Path createTemp(Optional<Path> root) {
        try {
            return root.isPresent() ? Files.createTempDirectory(root.get(), "imsg-kafka-")
                    : Files.createTempDirectory("imsg-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary data directory"
                    + root.map(dir -> " in " + dir).orElse(""), e);
        }
    }

    /** Creates {@code dir} and its parents if they do not exist. */
    public static Path ensure(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create directory " + dir, e);
        }
    }

    /** Deletes {@code dir} and everything below it; a missing directory is fine. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // gone already, which is what we want
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
