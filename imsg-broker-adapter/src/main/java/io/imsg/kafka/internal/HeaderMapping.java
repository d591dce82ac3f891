package io.imsg.kafka.internal;

import io.imsg.api.header.Header;
import io.imsg.api.header.MessageHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/** Converts between Kafka headers and iMSG's header vocabulary. */
public final class HeaderMapping {

    private HeaderMapping() {}

    public static RecordHeader utf8(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A typed, immutable view of a consumed record's headers. */
    public static MessageHeaders view(Headers headers) {
        org.apache.kafka.common.header.Header[] kafka = headers.toArray();
        Header[] mapped = new Header[kafka.length];
        for (int i = 0; i < kafka.length; i++) {
            mapped[i] = new Header(kafka[i].key(), kafka[i].value());
        }
        return MessageHeaders.of(Arrays.asList(mapped));
    }

    /** Bytes the headers add to a record, as counted against size limits. */
    public static int sizeOf(Headers headers) {
        int size = 0;
        for (org.apache.kafka.common.header.Header header : headers) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length) + 2;
        }
        return size;
    }

    /** The same count as {@link #sizeOf(Headers)}, over a view already taken. */
    public static int sizeOf(MessageHeaders headers) {
        int size = 0;
        for (Header header : headers.all()) {
            size += header.size() + 2;
        }
        return size;
    }

}
