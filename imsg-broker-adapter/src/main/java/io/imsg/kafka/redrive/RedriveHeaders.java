package io.imsg.kafka.redrive;

import io.imsg.api.header.Header;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.kafka.internal.HeaderMapping;
import java.util.Locale;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers a redriven record carries: the dead letter's headers without the state of its failed
 * delivery, plus {@code imsg-redrive-count} one higher than before.
 *
 * <p>Dropped: {@code imsg-attempt} (the redriven message starts again at attempt 1), every
 * {@code imsg-dlt-*} and {@code imsg-retry-*} header, and the old redrive count. Kept: the original
 * application headers and iMSG's mirrored ones ({@code imsg-id}, {@code imsg-type}, ...). Failure
 * state is removed by name rather than the mirrored headers kept by name, so a header iMSG mirrors in
 * a later version still survives a redrive. Keys compare case-insensitively, as
 * {@link ImsgHeaders#isReserved} does, so a forged {@code IMSG-DLT-...} header cannot survive either.
 */
final class RedriveHeaders {

    private static final String DLT_PREFIX = ImsgHeaders.PREFIX + "dlt-";
    private static final String RETRY_PREFIX = ImsgHeaders.PREFIX + "retry-";

    private RedriveHeaders() {}

    static RecordHeaders of(DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : letter.headers().all()) {
            if (!isFailureState(header.key())) {
                headers.add(new RecordHeader(header.key(), header.value()));
            }
        }
        int count = letter.failure().redriveCount();
        int next = count == Integer.MAX_VALUE ? count : count + 1;
        headers.add(HeaderMapping.utf8(ImsgHeaders.REDRIVE_COUNT, Integer.toString(next)));
        return headers;
    }

    static boolean isFailureState(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.equals(ImsgHeaders.ATTEMPT) || lower.equals(ImsgHeaders.REDRIVE_COUNT)
                || lower.startsWith(DLT_PREFIX) || lower.startsWith(RETRY_PREFIX);
    }
}
