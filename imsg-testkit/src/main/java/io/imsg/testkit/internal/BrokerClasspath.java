package io.imsg.testkit.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classpath of the broker's child JVM.
 *
 * <p>The build writes the absolute paths of the broker's jars (the Kafka server, Scala,
 * kafka-clients and its compression libraries, a log4j2 binding for SLF4J, ...) into two
 * resources of the testkit jar, {@link #RESOURCES}: one for the compile and provided scopes,
 * one for the runtime scope. The broker jars are in "provided" scope, so they never reach the
 * classpath of a project that uses the testkit. The child's classpath is the union of the two
 * lists plus the location of the testkit's own classes, for {@link BrokerMain}.
 *
 * <p>The paths point into the local Maven repository of the machine that built the testkit.
 */
public final class BrokerClasspath {

    /** The resources the build writes, entries separated by the platform's path separator. */
    public static final List<String> RESOURCES = List.of(
            "imsg-testkit/broker-classpath-compile.txt", "imsg-testkit/broker-classpath-runtime.txt");

    private final List<Path> entries;

    private BrokerClasspath(List<Path> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads the resource, adds the testkit's own classes, and checks every entry exists.
     *
     * @throws IllegalStateException naming the resource or the missing jars
     */
    public static BrokerClasspath load() {
        Set<Path> entries = new LinkedHashSet<>();
        for (String resource : RESOURCES) {
            entries.addAll(parse(readResource(resource)));
        }
        entries.add(ownLocation());
        return checked(List.copyOf(entries));
    }

    /** Checks that every entry exists; the message lists the missing ones and how to fix it. */
    static BrokerClasspath checked(List<Path> entries) {
        List<Path> missing = entries.stream().filter(path -> !Files.exists(path)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(missing.size() + " of the " + entries.size()
                    + " entries of the embedded broker's classpath do not exist: " + missing
                    + ". They were resolved when imsg-testkit was built; rebuild it on this machine"
                    + " (./mvnw -pl imsg-testkit -am install -DskipTests) to download them again.");
        }
        return new BrokerClasspath(entries);
    }

    static List<Path> parse(String text) {
        return Arrays.stream(text.trim().split(File.pathSeparator))
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .map(Path::of)
                .toList();
    }

    /** The entries, in order. */
    public List<Path> entries() {
        return entries;
    }

    /** The entries joined for {@code java -cp}. */
    public String asArgument() {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    private static String readResource(String resource) {
        try (InputStream in = BrokerClasspath.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the classpath;"
                        + " it is written by the build of imsg-testkit (maven-dependency-plugin build-classpath)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
    }

    private static Path ownLocation() {
        // BrokerMain itself must not be loaded here: it links against Kafka's server classes.
        CodeSource source = BrokerClasspath.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot tell where the imsg-testkit classes were loaded from");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad location of the imsg-testkit classes: " + source.getLocation(), e);
        }
    }
}
