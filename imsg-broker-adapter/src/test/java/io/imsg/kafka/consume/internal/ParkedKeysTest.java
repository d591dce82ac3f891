package io.imsg.kafka.consume.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.api.header.ImsgHeaders;
import io.imsg.kafka.consume.internal.RetryOrder.Kind;
import io.imsg.kafka.retry.OriginalRecord;
import io.imsg.kafka.retry.RetryStage;
import io.imsg.kafka.retry.RetryTopology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The ordered retry mode's rules: who is handled, who follows, who is already waiting. */
class ParkedKeysTest {

    private static final String TOPIC = "orders";
    private final RetryTopology topology = RetryTopology.of(Map.of(TOPIC,
            List.of(Duration.ofSeconds(1), Duration.ofSeconds(10))));
    private final RetryStage first = topology.stagesOf(TOPIC).get(0);
    private final RetryStage second = topology.stagesOf(TOPIC).get(1);
    private final ParkedKeys parked = new ParkedKeys(topology);

    @Test
    void aKeyWithNothingInRetryTopicsIsHandled() {
        assertThat(turn(source("k", 5)).kind()).isEqualTo(Kind.HANDLE);
    }

    @Test
    void aLaterSourceRecordOfAParkedKeyFollowsItIntoItsLatestStage() {
        moved(source("k", 5), second);

        RetryOrder.Turn turn = turn(source("k", 6));

        assertThat(turn.kind()).isEqualTo(Kind.FOLLOW);
        assertThat(turn.follow()).contains(second);
        assertThat(turn(source("other", 7)).kind()).isEqualTo(Kind.HANDLE);
    }

    @Test
    void aRedeliveredSourceRecordThatAlreadyWaitsIsNotWrittenTwice() {
        moved(source("k", 5), first);
        moved(source("k", 6), first);

        assertThat(turn(source("k", 6)).kind()).isEqualTo(Kind.ALREADY_WAITING);
    }

    @Test
    void onlyTheOldestWaitingRecordOfAKeyIsHandledTheOthersGoBehindTheLatestStage() {
        moved(source("k", 5), first);
        moved(source("k", 6), first);
        moved(retry(first, "k", 5), second); // 5 failed again

        assertThat(turn(retry(first, "k", 6)).follow()).contains(second);
        assertThat(turn(retry(second, "k", 5)).kind()).isEqualTo(Kind.HANDLE);
    }

    @Test
    void whenTheHeadIsResolvedTheNextRecordOfTheKeyIsHandled() {
        moved(source("k", 5), first);
        moved(source("k", 6), first);

        parked.resolved(retry(first, "k", 5), origin(retry(first, "k", 5)));

        assertThat(turn(retry(first, "k", 6)).kind()).isEqualTo(Kind.HANDLE);
        parked.resolved(retry(first, "k", 6), origin(retry(first, "k", 6)));
        assertThat(parked.parkedKeys(new TopicPartition(TOPIC, 0))).isZero();
        assertThat(turn(source("k", 9)).kind()).isEqualTo(Kind.HANDLE);
    }

    @Test
    void aRetryRecordNobodyKnowsOfIsHandledRatherThanRiskingItsLoss() {
        moved(source("k", 5), first);

        assertThat(turn(retry(first, "k", 3)).kind()).isEqualTo(Kind.HANDLE);
    }

    @Test
    void aFailingRecordGetsTheStageAfterItsOwnLastFailureWhereverItFollowedItsKey() {
        RecordHeaders neverFailed = new RecordHeaders();
        RecordHeaders failedInFirst = new RecordHeaders();
        failedInFirst.add(utf8(ImsgHeaders.RETRY_STAGE, "0"));
        RecordHeaders failedInSecond = new RecordHeaders();
        failedInSecond.add(utf8(ImsgHeaders.RETRY_STAGE, "1"));

        assertThat(parked.nextAfterFailure(source("k", 1))).contains(first);
        assertThat(parked.nextAfterFailure(record(second.topic(), "k", 2, neverFailed))).contains(first);
        assertThat(parked.nextAfterFailure(record(second.topic(), "k", 3, failedInFirst))).contains(second);
        assertThat(parked.nextAfterFailure(record(second.topic(), "k", 4, failedInSecond))).isEmpty();
    }

    @Test
    void recordsWithoutAKeyAreNeverHeldBack() {
        ConsumerRecord<byte[], byte[]> keyless = record(TOPIC, null, 5, new RecordHeaders());
        parked.movedTo(keyless, origin(keyless), first);

        assertThat(turn(record(TOPIC, null, 6, new RecordHeaders())).kind()).isEqualTo(Kind.HANDLE);
    }

    @Test
    void aRevokedPartitionForgetsItsParkedKeys() {
        moved(source("k", 5), first);

        new ParkedKeysScan(topology, parked, null, null, Duration.ofSeconds(1))
                .gone(List.of(new TopicPartition(first.topic(), 0)));

        assertThat(turn(source("k", 6)).kind()).isEqualTo(Kind.HANDLE);
    }

    private RetryOrder.Turn turn(ConsumerRecord<byte[], byte[]> record) {
        return parked.turnOf(record, origin(record));
    }

    private void moved(ConsumerRecord<byte[], byte[]> record, RetryStage stage) {
        parked.movedTo(record, origin(record), stage);
    }

    private OriginalRecord origin(ConsumerRecord<byte[], byte[]> record) {
        return OriginalRecord.of(record, topology);
    }

    private static ConsumerRecord<byte[], byte[]> source(String key, long offset) {
        return record(TOPIC, key, offset, new RecordHeaders());
    }

    /** A retry record of source offset {@code originalOffset}, at some unrelated offset of its retry topic. */
    private static ConsumerRecord<byte[], byte[]> retry(RetryStage stage, String key, long originalOffset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(utf8(ImsgHeaders.RETRY_ORIGINAL_TOPIC, TOPIC));
        headers.add(utf8(ImsgHeaders.RETRY_ORIGINAL_PARTITION, "0"));
        headers.add(utf8(ImsgHeaders.RETRY_ORIGINAL_OFFSET, Long.toString(originalOffset)));
        headers.add(utf8(ImsgHeaders.RETRY_ORIGINAL_TIMESTAMP, "1"));
        return record(stage.topic(), key, 1000 + originalOffset, headers);
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, String key, long offset, RecordHeaders headers) {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>(topic, 0, offset, 0L, TimestampType.CREATE_TIME, -1, 1, keyBytes, new byte[1],
                headers, Optional.empty());
    }

    private static RecordHeader utf8(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
