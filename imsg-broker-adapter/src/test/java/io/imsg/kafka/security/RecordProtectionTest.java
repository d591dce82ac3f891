package io.imsg.kafka.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.imsg.api.header.ImsgHeaders;
import io.imsg.kafka.security.UntrustedRecordException.Reason;
import io.imsg.kafka.security.crypto.KeyProvider;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.crypto.KeyGenerator;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RecordProtectionTest {

    private final RecordProtection protection;
    private final byte[] plaintext = "envelope bytes".getBytes(StandardCharsets.UTF_8);

    RecordProtectionTest() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        KeyProvider keys = KeyProvider.of(Map.of("k1", generator.generateKey()), "k1");
        protection = RecordProtection.builder().encrypt("orders", keys).encrypt("payments", keys).build();
    }

    @Test
    void theRightTopicIdAndTypeOpenTheValue() {
        byte[] sealed = protection.seal("orders", "id-1", "OrderPlaced", plaintext);

        assertThat(protection.open("orders", null, sealed, headers("id-1", "OrderPlaced"), null)).isEqualTo(plaintext);
    }

    @Test
    void aWrongTopicTypeOrIdFailsToDecrypt() {
        byte[] sealed = protection.seal("orders", "id-1", "OrderPlaced", plaintext);

        assertThat(reason(() -> protection.open("payments", null, sealed, headers("id-1", "OrderPlaced"), null)))
                .isEqualTo(Reason.DECRYPTION_FAILED);
        assertThat(reason(() -> protection.open("orders", null, sealed, headers("id-1", "OrderCancelled"), null)))
                .isEqualTo(Reason.DECRYPTION_FAILED);
        assertThat(reason(() -> protection.open("orders", null, sealed, headers("id-2", "OrderPlaced"), null)))
                .isEqualTo(Reason.DECRYPTION_FAILED);
    }

    @Test
    void aMissingIdHeaderIsMalformed() {
        byte[] sealed = protection.seal("orders", "id-1", "OrderPlaced", plaintext);
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(ImsgHeaders.TYPE, "OrderPlaced".getBytes(StandardCharsets.UTF_8)));

        UntrustedRecordException e = catchThrowableOfType(UntrustedRecordException.class,
                () -> protection.open("orders", null, sealed, headers, null));

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e).hasMessageContaining("header imsg-id is missing");
    }

    @Test
    void unprotectedTopicsPassBytesThroughUnchanged() {
        assertThat(protection.seal("audit", "id", "T", plaintext)).isSameAs(plaintext);
        assertThat(protection.open("audit", null, plaintext, new RecordHeaders(), null)).isSameAs(plaintext);
        assertThat(RecordProtection.none().isNone()).isTrue();
    }

    @Test
    void aBlankTopicIsRefusedNamingTheSetting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RecordProtection.builder().encrypt(" ", null))
                .hasMessage("protection topic must not be blank");
    }

    private static Reason reason(Runnable open) {
        return catchThrowableOfType(UntrustedRecordException.class, open::run).reason();
    }

    private static RecordHeaders headers(String id, String type) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(ImsgHeaders.MESSAGE_ID, id.getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader(ImsgHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }
}
