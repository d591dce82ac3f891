package io.imsg.examples.load;

import io.imsg.api.header.ImsgHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Headers for the raw baseline that match iMSG's four mirrored headers in keys and sizes: a fresh
 * UUID-formatted id per record, the payload's type name, the priority and a source. They let a
 * comparison separate what the wire format costs (the same bytes for both sides) from what iMSG's
 * own code costs. Only the sending side makes them; the raw consumer never reads them, as a raw
 * application would not.
 */
final class RawMirroredHeaders {

    private final byte[] type = LoadMessage.getClassSchema().getFullName().getBytes(StandardCharsets.UTF_8);
    private final byte[] priority = "NORMAL".getBytes(StandardCharsets.UTF_8);
    private final byte[] source = ("raw-load/raw-load-" + ProcessHandle.current().pid() + "@" + hostName())
            .getBytes(StandardCharsets.UTF_8);

    /** The headers of the next record; values other than the id are shared, which Kafka allows. */
    List<Header> next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] id = new UUID(random.nextLong(), random.nextLong()).toString().getBytes(StandardCharsets.UTF_8);
        return List.of(new RecordHeader(ImsgHeaders.MESSAGE_ID, id), new RecordHeader(ImsgHeaders.TYPE, type),
                new RecordHeader(ImsgHeaders.PRIORITY, priority), new RecordHeader(ImsgHeaders.SOURCE, source));
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
