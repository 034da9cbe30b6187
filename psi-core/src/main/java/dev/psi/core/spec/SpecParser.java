package dev.psi.core.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser for spec text.
 *
 * <pre>
 * spec  := NAME [ '(' [ arg (',' arg)* ] ')' ]
 * arg   := KEY '=' value
 * value := NUMBER | WORD | STRING | '[' [ value (',' value)* ] ']' | spec
 * STRING := "'" any characters but "'" "'" | '"' any characters but '"' '"'
 * </pre>
 *
 * A bare {@code Name} without parentheses is accepted as {@code Name()}. Whitespace is ignored between
 * tokens. A word followed by {@code (} is a nested spec; any other word is a bare string. A quoted string is
 * a string as it stands between its quotes, for what a bare word cannot hold: a path with a space, a {@code +}
 * or a comma in it ({@code model='/home/jane doe/psi.json'}); it has no escapes, so it holds every character
 * but its own quote. Numbers are
 * written with the ASCII digits only: {@link Character#isDigit} also accepts other scripts' digits,
 * which {@link Double#parseDouble} rejects.
 *
 * <p>Specs and lists nest at most {@link #MAX_DEPTH} levels: the parser, and every consumer that walks
 * the result (controller factories, checkpoints), recurse once per level, and a spec nested a thousand
 * levels deep would overflow their stacks. Real specs nest a handful of levels.
 */
final class SpecParser {

    /** The deepest nesting of specs and lists, together, that a spec may have. */
    static final int MAX_DEPTH = 32;

    /** A number: optional sign, ASCII digits with an optional fraction, optional exponent. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private final String text;
    private int pos;
    private int depth;

    private SpecParser(String text) {
        this.text = text;
    }

    static Spec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new SpecException("empty spec: expected Name(key=value,...)");
        }
        SpecParser parser = new SpecParser(text);
        Spec spec = parser.spec();
        parser.skipSpace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected '" + text.charAt(parser.pos) + "' after the end of the spec");
        }
        return spec;
    }

    private Spec spec() {
        String name = word("a name");
        skipSpace();
        Map<String, SpecValue> args = new LinkedHashMap<>();
        if (!peek('(')) {
            return new Spec(name, args);
        }
        enter();
        pos++;
        skipSpace();
        if (peek(')')) {
            pos++;
            depth--;
            return new Spec(name, args);
        }
        while (true) {
            skipSpace();
            int keyAt = pos;
            String key = word("an argument name");
            skipSpace();
            expect('=');
            SpecValue value = value();
            if (args.put(key, value) != null) {
                pos = keyAt;
                throw error("argument '" + key + "' of " + name + " is given twice");
            }
            skipSpace();
            if (peek(',')) {
                pos++;
            } else if (peek(')')) {
                pos++;
                depth--;
                return new Spec(name, args);
            } else {
                throw error("expected ',' or ')' in the arguments of " + name);
            }
        }
    }

    private SpecValue value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("expected a value");
        }
        char c = text.charAt(pos);
        if (c == '[') {
            enter();
            pos++;
            List<SpecValue> items = new ArrayList<>();
            skipSpace();
            if (peek(']')) {
                pos++;
                depth--;
                return new SpecValue.ListOf(items);
            }
            while (true) {
                items.add(value());
                skipSpace();
                if (peek(',')) {
                    pos++;
                } else if (peek(']')) {
                    pos++;
                    depth--;
                    return new SpecValue.ListOf(items);
                } else {
                    throw error("expected ',' or ']' in a list");
                }
            }
        }
        if (c == '\'' || c == '"') {
            return quoted(c);
        }
        // A leading '.' starts a number only before a digit: './model.json' is a path. A digit of another
        // script (a full-width 0, say) starts a number too, so that the error names it as one.
        boolean fraction = c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1));
        if (Character.isDigit(c) || c == '-' || c == '+' || fraction) {
            return number();
        }
        int start = pos;
        String word = word("a value");
        skipSpace();
        if (peek('(')) {
            pos = start;
            return new SpecValue.Nested(spec());
        }
        return new SpecValue.Word(word);
    }

    private SpecValue quoted(char quote) {
        int start = pos;
        int end = text.indexOf(quote, pos + 1);
        if (end < 0) {
            throw error("a string opened with " + quote + " is never closed");
        }
        pos = end + 1;
        return new SpecValue.Word(text.substring(start + 1, end));
    }

    /**
     * Whether {@code text} reads back as itself when written bare: the characters of a word, starting as a word
     * starts, and not as a number ({@code .5}).
     */
    static boolean bare(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        if (!(Character.isLetter(first) || first == '_' || first == '/'
                || (first == '.' && !(text.length() > 1 && Character.isDigit(text.charAt(1)))))) {
            return false;
        }
        return text.chars().allMatch(SpecParser::wordCharacter);
    }

    private static boolean wordCharacter(int c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '/' || c == '-' || c == ':';
    }

    private SpecValue number() {
        int start = pos;
        // The literal runs to the next delimiter, so that the error shows all of '1f' or '０.1', not a prefix.
        while (pos < text.length()
                && (Character.isLetterOrDigit(text.charAt(pos)) || "+-.".indexOf(text.charAt(pos)) >= 0)) {
            pos++;
        }
        String literal = text.substring(start, pos);
        if (!NUMBER.matcher(literal).matches()) {
            pos = start;
            throw error(Echo.quote(literal) + " is not a number: a number is written with the ASCII digits 0-9, "
                    + "as in 30, -0.5 or 1e-3");
        }
        return new SpecValue.Number(Double.parseDouble(literal), literal);
    }

    private String word(String what) {
        skipSpace();
        int start = pos;
        while (pos < text.length()) {
            if (!wordCharacter(text.charAt(pos))) {
                break;
            }
            pos++;
        }
        if (start == pos || !(Character.isLetter(text.charAt(start)) || text.charAt(start) == '_'
                || text.charAt(start) == '.' || text.charAt(start) == '/')) {
            pos = start;
            throw error("expected " + what);
        }
        return text.substring(start, pos);
    }

    /** One level deeper into a spec's arguments or a list; fails past {@link #MAX_DEPTH}. */
    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels (specs and lists count alike)");
        }
    }

    private void expect(char c) {
        skipSpace();
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private SpecException error(String message) {
        String where = pos >= text.length() ? "at the end" : "at character " + (pos + 1);
        return new SpecException("malformed spec " + Echo.quote(text) + " " + where + ": " + message);
    }
}
