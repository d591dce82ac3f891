package io.imsg.kafka.security.crypto;

import java.util.Optional;

/** Signature algorithms, with the short names written into the signature header. */
public enum SignatureAlgorithm {
    HMAC_SHA256("hs256"),
    ED25519("ed25519");

    private final String wireName;

    SignatureAlgorithm(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<SignatureAlgorithm> fromWire(String name) {
        for (SignatureAlgorithm algorithm : values()) {
            if (algorithm.wireName.equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
