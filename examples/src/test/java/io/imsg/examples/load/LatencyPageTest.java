package io.imsg.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyPageTest {

    @Test
    void thePageIsSelfContainedWithOneCurvePerRunAndEscapedText() {
        Histogram micros = new Histogram(3);
        for (int i = 1; i <= 1000; i++) {
            micros.recordValue(i * 10L);
        }
        LatencySummary latency = LatencySummary.of(micros);
        RunResult raw = new RunResult("raw", "e2e", 1000, 1000, 0, 0, 1, 1000, latency, 0, 0, 0, List.of(), 0);
        RunResult imsg = new RunResult("imsg", "e2e", 1000, 1000, 0, 0, 1, 1000, latency, 0, 0, 0, List.of(), 0);

        String html = LatencyPage.render("bench <1>", Map.of("broker", "a&b"), List.of(raw, imsg));

        assertThat(html).contains("<svg", "bench &lt;1&gt;", "a&amp;b", "raw e2e", "imsg e2e")
                .doesNotContain("<script", "src=", "href=");
        assertThat(html.split("<polyline", -1)).hasSize(3);
        assertThat(latency.p50()).isEqualTo(5.0, org.assertj.core.api.Assertions.within(0.01));
        assertThat(latency.max()).isEqualTo(10.0, org.assertj.core.api.Assertions.within(0.01));
    }
}
