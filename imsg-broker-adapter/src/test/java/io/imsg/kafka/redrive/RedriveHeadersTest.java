package io.imsg.kafka.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.api.header.ImsgHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class RedriveHeadersTest {

    @Test
    void failureStateIsDroppedAndOriginalAndMirroredHeadersAreKept() {
        DeadLetter letter = Letters.failed(1)
                .header(ImsgHeaders.ATTEMPT, "4")
                .header(ImsgHeaders.RETRY_ORIGINAL_TOPIC, "orders")
                .letter();

        Headers headers = RedriveHeaders.of(letter);

        assertThat(keys(headers)).containsExactlyInAnyOrder(ImsgHeaders.MESSAGE_ID, ImsgHeaders.TYPE,
                ImsgHeaders.PRIORITY, ImsgHeaders.SOURCE, "app-trace", ImsgHeaders.REDRIVE_COUNT);
        assertThat(text(headers, ImsgHeaders.MESSAGE_ID)).isEqualTo("m-1");
        assertThat(text(headers, "app-trace")).isEqualTo("trace-1");
    }

    @Test
    void theRedriveCountStartsAtOneAndGoesUpByOne() {
        assertThat(text(RedriveHeaders.of(Letters.failed(1).letter()), ImsgHeaders.REDRIVE_COUNT)).isEqualTo("1");
        assertThat(text(RedriveHeaders.of(Letters.failed(1).header(ImsgHeaders.REDRIVE_COUNT, "4").letter()),
                ImsgHeaders.REDRIVE_COUNT)).isEqualTo("5");
        assertThat(text(RedriveHeaders.of(Letters.failed(1).header(ImsgHeaders.REDRIVE_COUNT, "garbage").letter()),
                ImsgHeaders.REDRIVE_COUNT)).isEqualTo("1");
    }

    @Test
    void failureStateInAnyLetterCaseIsDroppedSoAForgedHeaderCannotSurvive() {
        DeadLetter letter = Letters.failed(1)
                .header("IMSG-DLT-EXCEPTION-CLASS", "forged")
                .header("Imsg-Attempt", "9")
                .header("IMSG-REDRIVE-COUNT", "100")
                .letter();

        Headers headers = RedriveHeaders.of(letter);

        assertThat(keys(headers)).hasSize(6).filteredOn(key -> !key.equals(ImsgHeaders.REDRIVE_COUNT))
                .noneMatch(RedriveHeaders::isFailureState);
        assertThat(text(headers, ImsgHeaders.REDRIVE_COUNT)).isEqualTo("1");
    }

    private static List<String> keys(Headers headers) {
        List<String> keys = new ArrayList<>();
        for (Header header : headers) {
            keys.add(header.key());
        }
        return keys;
    }

    private static String text(Headers headers, String key) {
        return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
