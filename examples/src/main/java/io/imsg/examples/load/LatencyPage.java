package io.imsg.examples.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page (no scripts, no network) with the latency percentile curves of a
 * set of runs as an inline SVG: the x axis is the percentile on the usual HdrHistogram scale
 * (log of 1 / (1 - p), so 90, 99, 99.9 are evenly spaced), the y axis milliseconds.
 */
final class LatencyPage {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 400;
    private static final int LEFT = 70;
    private static final int BOTTOM = 40;
    private static final double MAX_X = 5; // 99.999th percentile
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};

    private LatencyPage() {}

    static String render(String title, Map<String, Object> context, List<RunResult> results) {
        double maxMs = results.stream().flatMap(r -> r.latency().curve().stream())
                .filter(p -> p.percentile() < 100).mapToDouble(LatencySummary.Point::millis).max().orElse(1);
        maxMs = Math.max(maxMs, 0.001) * 1.1;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d'>",
                WIDTH + LEFT, HEIGHT + BOTTOM + 20));
        axes(svg, maxMs);
        for (int i = 0; i < results.size(); i++) {
            curve(svg, results.get(i), COLOURS[i % COLOURS.length], maxMs, i);
        }
        svg.append("</svg>");
        StringBuilder table = new StringBuilder("<table><tr><th>run</th><th>msg/s</th><th>p50 ms</th><th>p90</th>"
                + "<th>p99</th><th>p99.9</th><th>max</th><th>retries</th><th>dead letters</th></tr>");
        for (RunResult r : results) {
            LatencySummary l = r.latency();
            table.append(String.format(Locale.ROOT, "<tr><td>%s %s</td><td>%,.0f</td><td>%.2f</td><td>%.2f</td>"
                    + "<td>%.2f</td><td>%.2f</td><td>%.2f</td><td>%d</td><td>%d</td></tr>", escape(r.target()),
                    escape(r.scenario()), r.throughput(), l.p50(), l.p90(), l.p99(), l.p999(), l.max(),
                    r.failedAttempts(), r.deadLetters()));
        }
        table.append("</table>");
        return "<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + escape(title) + "</title><style>"
                + "body{font-family:sans-serif;margin:2em}td,th{padding:2px 10px;text-align:right}</style></head><body>"
                + "<h1>" + escape(title) + "</h1><p>Latency from each message's intended send time to the end of its"
                + " handling (coordinated-omission safe).</p>" + svg + table
                + "<pre>" + escape(context.toString()) + "</pre></body></html>\n";
    }

    private static void axes(StringBuilder svg, double maxMs) {
        svg.append(line(LEFT, HEIGHT, LEFT + WIDTH, HEIGHT)).append(line(LEFT, 0, LEFT, HEIGHT));
        String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int i = 0; i < labels.length; i++) {
            double x = LEFT + WIDTH * i / MAX_X;
            svg.append(text(x, HEIGHT + 18, labels[i], "middle"));
        }
        for (int i = 0; i <= 4; i++) {
            double y = HEIGHT - HEIGHT * i / 4.0;
            svg.append(text(LEFT - 6, y + 4, String.format(Locale.ROOT, "%.2f", maxMs * i / 4), "end"));
        }
        svg.append(text(LEFT + WIDTH / 2.0, HEIGHT + 36, "percentile", "middle"));
        svg.append(text(14, 14, "ms", "start"));
    }

    private static void curve(StringBuilder svg, RunResult result, String colour, double maxMs, int index) {
        StringBuilder points = new StringBuilder();
        for (LatencySummary.Point p : result.latency().curve()) {
            if (p.percentile() >= 100) {
                continue;
            }
            double x = LEFT + WIDTH * Math.min(MAX_X, Math.log10(1 / (1 - p.percentile() / 100))) / MAX_X;
            double y = HEIGHT - HEIGHT * Math.min(1, p.millis() / maxMs);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        svg.append("<polyline fill='none' stroke-width='2' stroke='").append(colour).append("' points='")
                .append(points).append("'/>");
        svg.append("<text x='").append(LEFT + 10).append("' y='").append(16 + 16 * index).append("' fill='")
                .append(colour).append("'>").append(escape(result.target() + " " + result.scenario())).append("</text>");
    }

    private static String line(double x1, double y1, double x2, double y2) {
        return String.format(Locale.ROOT, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='black'/>", x1, y1, x2, y2);
    }

    private static String text(double x, double y, String text, String anchor) {
        return String.format(Locale.ROOT, "<text x='%.1f' y='%.1f' font-size='12' text-anchor='%s'>%s</text>", x, y,
                anchor, escape(text));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
