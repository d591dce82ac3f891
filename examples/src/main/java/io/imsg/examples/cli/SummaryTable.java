package io.imsg.examples.cli;

import io.imsg.kafka.redrive.DeadLetterSummary;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Prints a {@link DeadLetterSummary} as aligned tables: by route, by exception class, by hour, then the total. */
final class SummaryTable {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final PrintWriter out;

    SummaryTable(PrintWriter out) {
        this.out = out;
    }

    void print(String deadLetterTopic, DeadLetterSummary summary, long redriven) {
        out.printf("Dead letters in %s: %d (%d already redriven)%n", deadLetterTopic, summary.total(), redriven);
        if (summary.total() > 0) {
            List<Map.Entry<String, Long>> hours = new ArrayList<>();
            summary.byHour().forEach((hour, count) -> hours.add(Map.entry(HOUR.format(hour), count)));
            int width = width(summary);
            section("By route", byCountDescending(summary.byRoute()), width);
            section("By exception class", byCountDescending(summary.byExceptionClass()), width);
            section("By hour of last failure (UTC)", hours, width);
            out.println();
            out.printf("%-" + width + "s %8d%n", "Total", summary.total());
        }
        out.flush();
    }

    private void section(String title, List<Map.Entry<String, Long>> rows, int width) {
        out.println();
        out.printf("%-" + width + "s %8s%n", title, "count");
        for (Map.Entry<String, Long> row : rows) {
            out.printf("%-" + width + "s %8d%n", "  " + TerminalText.clean(row.getKey()), row.getValue());
        }
    }

    /** Most frequent first, which is what an operator looks for; ties by name. */
    private static List<Map.Entry<String, Long>> byCountDescending(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
    }

    private static int width(DeadLetterSummary summary) {
        int width = "By hour of last failure (UTC)".length();
        for (String key : summary.byRoute().keySet()) {
            width = Math.max(width, 2 + TerminalText.clean(key).length());
        }
        for (String key : summary.byExceptionClass().keySet()) {
            width = Math.max(width, 2 + TerminalText.clean(key).length());
        }
        return width;
    }
}
