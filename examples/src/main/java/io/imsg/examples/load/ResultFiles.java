package io.imsg.examples.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes a load run's results as JSON and as a self-contained HTML page with a latency plot. */
public final class ResultFiles {

    private ResultFiles() {}

    /**
     * Writes {@code <dir>/<name>.json} and {@code <dir>/<name>.html}; returns both paths.
     *
     * @param context what was run and on what (settings, machine), stored alongside the results
     */
    public static List<Path> write(Path dir, String name, Map<String, Object> context, List<RunResult> results) {
        try {
            Files.createDirectories(dir);
            Path json = dir.resolve(name + ".json");
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            mapper.writeValue(json.toFile(), Map.of("context", context, "results", results));
            Path html = dir.resolve(name + ".html");
            Files.writeString(html, LatencyPage.render(name, context, results), StandardCharsets.UTF_8);
            return List.of(json, html);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the results to " + dir + ": " + e.getMessage(), e);
        }
    }
}
