package io.imsg.testkit.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.Uuid;

/**
 * The one cluster id all nodes of an embedded cluster are formatted with. Nodes formatted with
 * different ids refuse to talk to each other, so when a kept data directory has formatted nodes
 * already, their id is reused for the nodes still to format; otherwise a new one is made.
 */
public final class ClusterId {

    private static final String KEY = "cluster.id";

    private ClusterId() {}

    /**
     * The id in the {@code meta.properties} of the formatted ones among {@code nodes}, or a new
     * random id if none is formatted.
     *
     * @throws IllegalStateException if formatted nodes disagree, naming the ids found
     */
    public static String resolve(List<BrokerLayout> nodes) {
        Set<String> found = new LinkedHashSet<>();
        for (BrokerLayout node : nodes) {
            if (node.isFormatted()) {
                found.add(read(node.logDir().resolve("meta.properties")));
            }
        }
        if (found.size() > 1) {
            throw new IllegalStateException("the nodes' data directories were formatted for different clusters "
                    + found + "; use a fresh dataDir");
        }
        return found.isEmpty() ? Uuid.randomUuid().toString() : found.iterator().next();
    }

    private static String read(Path metaProperties) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(metaProperties, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + metaProperties, e);
        }
        String id = props.getProperty(KEY);
        if (id == null || id.isBlank()) {
            throw new IllegalStateException(metaProperties + " has no " + KEY);
        }
        return id;
    }
}
