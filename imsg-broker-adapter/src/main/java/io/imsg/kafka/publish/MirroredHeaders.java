package io.imsg.kafka.publish;

import io.imsg.api.Message;
import io.imsg.api.Source;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.schema.Priority;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Makes the headers every published record carries, mirrored from its envelope: id, type, priority
 * and source. The values that repeat from record to record (the type, the priority, the
 * publisher's own source) are encoded once; each record gets its own copy of the bytes, because
 * Kafka hands a header's array out as it is, and an interceptor or a header stamp writing into a
 * shared one would change every later record. Copying 4 to 60 bytes costs less than encoding them.
 * Thread-safe; one per publisher.
 */
final class MirroredHeaders {

    private static final byte[][] PRIORITIES = encodedPriorities();

    private final Source identity;
    private final byte[] identityValue;
    /** One entry per payload type this publisher sends. */
    private final Map<String, byte[]> typeValues = new ConcurrentHashMap<>();

    MirroredHeaders(Source identity) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.identityValue = utf8(identity.toString());
    }

    RecordHeaders of(Message<?> message) {
        var headers = new RecordHeaders();
        headers.add(new RecordHeader(ImsgHeaders.MESSAGE_ID, utf8(message.id())));
        headers.add(new RecordHeader(ImsgHeaders.TYPE, typeValue(message.type()).clone()));
        headers.add(new RecordHeader(ImsgHeaders.PRIORITY, PRIORITIES[message.priority().ordinal()].clone()));
        message.source().ifPresent(source -> headers.add(new RecordHeader(ImsgHeaders.SOURCE, sourceValue(source))));
        return headers;
    }

    private byte[] typeValue(String type) {
        byte[] value = typeValues.get(type);
        return value != null ? value : typeValues.computeIfAbsent(type, MirroredHeaders::utf8);
    }

    private byte[] sourceValue(Source source) {
        return source.equals(identity) ? identityValue.clone() : utf8(source.toString());
    }

    private static byte[][] encodedPriorities() {
        Priority[] priorities = Priority.values();
        byte[][] values = new byte[priorities.length][];
        for (Priority priority : priorities) {
            values[priority.ordinal()] = utf8(priority.name());
        }
        return values;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
