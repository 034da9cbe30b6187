package dev.psi.core.spec;

/**
 * How error messages show text the user typed. A message must stay one readable line whatever was
 * typed: a 10 000-character name echoed whole would bury the part of the message that says what is
 * valid, so echoed text is cut here, the one place that decides how long an echo may be.
 */
public final class Echo {

    /** The most characters of user text a message shows. */
    public static final int MAX_LENGTH = 60;

    private Echo() {
    }

    /** {@code text} in single quotes, cut to {@link #MAX_LENGTH} characters and an ellipsis if longer. */
    public static String quote(String text) {
        return "'" + cut(text) + "'";
    }

    /** {@code text} cut to {@link #MAX_LENGTH} characters and an ellipsis if longer, for unquoted echoes. */
    public static String cut(String text) {
        if (text == null || text.length() <= MAX_LENGTH) {
            return String.valueOf(text);
        }
        // Cut between code points, not inside a surrogate pair.
        int end = Character.isHighSurrogate(text.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
        return text.substring(0, end) + "…";
    }
}
