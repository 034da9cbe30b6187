package dev.psi.lab.report;

/**
 * Escaping for text put into HTML and SVG, which share XML's five special characters. Public for the dashboard
 * ({@code psi dashboard}), which escapes what it shows as the report does.
 */
public final class Html {

    private Html() {
    }

    /** {@code text} with {@code & < > " '} escaped; the empty string for {@code null}. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The text that {@link #escape} turned into {@code html}: its five entities decoded, nothing else. */
    static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
