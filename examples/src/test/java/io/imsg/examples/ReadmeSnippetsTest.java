package io.imsg.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code examples/README.md} from drifting: every Java block in it is preceded by a
 * {@code <!-- snippet: path -->} marker, and its lines appear in that source file, in order and
 * next to each other (leading whitespace aside, so a snippet may be dedented).
 */
class ReadmeSnippetsTest {

    private static final Path README = Path.of("README.md");
    private static final Pattern SNIPPET = Pattern.compile("<!-- snippet: (\\S+) -->\\n```java\\n(.*?)```",
            Pattern.DOTALL);

    /** One marked snippet: the file it claims to come from and its lines. */
    record Snippet(Path source, List<String> lines) {}

    @Test
    void everyReadmeSnippetAppearsVerbatimInItsSourceFile() throws IOException {
        List<Snippet> snippets = snippets(Files.readString(README));

        assertThat(snippets).hasSizeGreaterThanOrEqualTo(8);
        for (Snippet snippet : snippets) {
            assertThat(snippet.source()).as("snippet source").isRegularFile();
            List<String> source = stripped(Files.readAllLines(snippet.source()));
            assertThat(containsRun(source, stripped(snippet.lines())))
                    .as("README snippet not found in %s:%n%s", snippet.source(), String.join("\n", snippet.lines()))
                    .isTrue();
        }
    }

    @Test
    void everyJavaBlockInTheReadmeIsAMarkedSnippet() throws IOException {
        String readme = Files.readString(README);
        long javaBlocks = readme.lines().filter("```java"::equals).count();

        assertThat(snippets(readme)).hasSize((int) javaBlocks);
    }

    @Test
    void aSnippetThatIsNotInItsSourceIsDetected() {
        List<String> source = List.of("int a = 1;", "    int b = 2;", "int c = 3;");

        assertThat(containsRun(stripped(source), List.of("int a = 1;", "int b = 2;"))).isTrue();
        assertThat(containsRun(stripped(source), List.of("int a = 1;", "int c = 3;"))).isFalse();
    }

    private static List<Snippet> snippets(String readme) {
        List<Snippet> snippets = new ArrayList<>();
        Matcher matcher = SNIPPET.matcher(readme);
        while (matcher.find()) {
            snippets.add(new Snippet(Path.of(matcher.group(1)), matcher.group(2).lines().toList()));
        }
        return snippets;
    }

    private static List<String> stripped(List<String> lines) {
        return lines.stream().map(String::strip).toList();
    }

    /** Whether {@code run} occurs in {@code lines} as consecutive elements. */
    private static boolean containsRun(List<String> lines, List<String> run) {
        return Collections.indexOfSubList(lines, run) >= 0;
    }
}
