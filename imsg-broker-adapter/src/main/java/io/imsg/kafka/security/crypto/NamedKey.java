package io.imsg.kafka.security.crypto;

import java.util.Objects;
import javax.crypto.SecretKey;

/** A secret key and the id written next to everything it protects. {@link #toString()} hides the key. */
public record NamedKey(String id, SecretKey key) {

    /** Key ids travel in every record; short and printable keeps them cheap and loggable. */
    public static final int MAX_ID_LENGTH = 64;

    public NamedKey {
        Objects.requireNonNull(key, "key");
        checkId(id);
    }

    static String checkId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ';')) {
            throw new IllegalArgumentException("key id must be 1-" + MAX_ID_LENGTH + " printable ASCII characters without ';' (was '"
                    + (id == null ? null : id.chars().limit(MAX_ID_LENGTH).collect(StringBuilder::new,
                            StringBuilder::appendCodePoint, StringBuilder::append)) + "')");
        }
        return id;
    }

    @Override
    public String toString() {
        return "NamedKey[" + id + ", " + key.getAlgorithm() + "]";
    }
}
