package io.imsg.kafka.codec;

/** Makes text from hostile bytes safe to put in an exception message or a log line. */
final class Text {

    /** Long enough for any real type name or id. */
    static final int MAX_QUOTED_CHARS = 200;

    private Text() {}

    /** The value in single quotes, control characters escaped, cut after {@value #MAX_QUOTED_CHARS} chars. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        int shown = Math.min(value.length(), MAX_QUOTED_CHARS);
        StringBuilder out = new StringBuilder(shown + 24).append('\'');
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('\'');
        if (value.length() > shown) {
            out.append("... (").append(value.length()).append(" chars)");
        }
        return out.toString();
    }

    /** A fingerprint as 16 lower-case hex digits: the schema topic's key format. */
    static String hex(long fingerprint) {
        return String.format("%016x", fingerprint);
    }
}
