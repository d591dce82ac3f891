package io.imsg.examples.cli;

/**
 * Makes header text from a topic safe to print: dead letters are hostile input, and a forged header
 * must not move the cursor, recolour the terminal or flood a table.
 */
final class TerminalText {

    /** Wide enough for any real class or route name. */
    static final int MAX_CHARS = 120;

    private TerminalText() {}

    /** Control characters become '?', and text past {@value #MAX_CHARS} characters is cut with "...". */
    static String clean(String text) {
        int shown = Math.min(text.length(), MAX_CHARS);
        StringBuilder out = new StringBuilder(shown + 3);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return text.length() > shown ? out.append("...").toString() : out.toString();
    }
}
