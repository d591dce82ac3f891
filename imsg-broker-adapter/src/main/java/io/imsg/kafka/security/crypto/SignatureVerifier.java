package io.imsg.kafka.security.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Checks a signature made by a {@link RecordSigner}, resolving the signer's key by id. Thread-safe.
 * An unknown key id or a different algorithm than the key's is a failed verification.
 */
public interface SignatureVerifier {

    boolean verify(String keyId, SignatureAlgorithm algorithm, byte[] data, byte[] signature);

    /** HMAC-SHA256 with shared keys by id; compared in constant time. */
    static SignatureVerifier hmacSha256(Map<String, SecretKey> keys) {
        Map<String, SecretKey> copy = Map.copyOf(keys);
        return (keyId, algorithm, data, signature) -> {
            SecretKey key = copy.get(keyId);
            if (key == null || algorithm != SignatureAlgorithm.HMAC_SHA256) {
                return false;
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return MessageDigest.isEqual(mac.doFinal(data), signature);
            } catch (GeneralSecurityException e) {
                return false;
            }
        };
    }

    /** Ed25519 public keys by id. */
    static SignatureVerifier ed25519(Map<String, PublicKey> keys) {
        Map<String, PublicKey> copy = Map.copyOf(keys);
        return (keyId, algorithm, data, signature) -> {
            PublicKey key = copy.get(keyId);
            if (key == null || algorithm != SignatureAlgorithm.ED25519) {
                return false;
            }
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(data);
                return verifier.verify(signature);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        };
    }

    /** Accepts a signature any of the given verifiers accepts (HMAC and Ed25519 senders side by side). */
    static SignatureVerifier anyOf(SignatureVerifier... verifiers) {
        SignatureVerifier[] copy = verifiers.clone();
        return (keyId, algorithm, data, signature) -> {
            for (SignatureVerifier verifier : copy) {
                if (verifier.verify(keyId, algorithm, data, signature)) {
                    return true;
                }
            }
            return false;
        };
    }
}
