package io.imsg.kafka.security.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Signs the canonical bytes of a record (see {@code RecordSignatures}). Thread-safe.
 *
 * <pre>{@code
 * RecordSigner signer = RecordSigner.ed25519("orders-svc-2026", privateKey);   // or hmacSha256(id, sharedKey)
 * }</pre>
 */
public interface RecordSigner {

    String keyId();

    SignatureAlgorithm algorithm();

    byte[] sign(byte[] data);

    /** HMAC-SHA256 with a key shared by sender and receivers: proves membership of the key holders. */
    static RecordSigner hmacSha256(String keyId, SecretKey key) {
        NamedKey.checkId(keyId);
        Objects.requireNonNull(key, "key");
        return new RecordSigner() {
            @Override public String keyId() { return keyId; }
            @Override public SignatureAlgorithm algorithm() { return SignatureAlgorithm.HMAC_SHA256; }
            @Override public byte[] sign(byte[] data) {
                try {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(key);
                    return mac.doFinal(data);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("HMAC-SHA256 signing failed: " + e.getClass().getSimpleName(), e);
                }
            }
        };
    }

    /** Ed25519: receivers hold only the public key, so they cannot sign as the sender. */
    static RecordSigner ed25519(String keyId, PrivateKey key) {
        NamedKey.checkId(keyId);
        Objects.requireNonNull(key, "key");
        return new RecordSigner() {
            @Override public String keyId() { return keyId; }
            @Override public SignatureAlgorithm algorithm() { return SignatureAlgorithm.ED25519; }
            @Override public byte[] sign(byte[] data) {
                try {
                    Signature signature = Signature.getInstance("Ed25519");
                    signature.initSign(key);
                    signature.update(data);
                    return signature.sign();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("Ed25519 signing failed: " + e.getClass().getSimpleName(), e);
                }
            }
        };
    }
}
