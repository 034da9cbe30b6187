package dev.psi.train.task.family;

import dev.psi.core.spec.Echo;
import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the tokens of a generated task name in order ({@code ts-ce-i20-w32-...}): each token is a letter
 * prefix and a value, and every mismatch is a {@link SpecException} that names the token and shows the form
 * the family's names take.
 */
final class NameReader {

    private static final Pattern INTEGER = Pattern.compile("(0|[1-9][0-9]{0,8})");
    private static final Pattern SEED = Pattern.compile("(0|[1-9][0-9]{0,17})");
    private static final Pattern NUMBER = Pattern.compile("(0|[1-9][0-9]*)(\\.[0-9]+)?");
    private static final Pattern MODEL = Pattern.compile("lin|(mlp|cnn)([1-9][0-9]{0,3})(x[1-9][0-9]{0,3})*");

    private final String name;
    private final String form;
    private final String[] tokens;
    private int next;

    /**
     * @param prefix what the name starts with, before the first token's {@code -}: the family's prefix, or the
     *     spec's task name for a {@link SpecFileFamily}
     * @param form the family's name form for messages, e.g. {@code ts-{ce|se}-i<inputs>-...}
     */
    NameReader(String name, String prefix, String form) {
        this.name = name;
        this.form = form;
        if (!name.startsWith(prefix + "-")) {
            this.tokens = new String[0];
            throw error("it does not start with " + prefix + "-");
        }
        this.tokens = name.substring(prefix.length() + 1).split("-", -1);
        next = 0;
    }

    /** The next token, which must be one of {@code choices}. */
    String word(List<String> choices) {
        String token = take("one of " + String.join(", ", choices));
        if (!choices.contains(token)) {
            throw error("'" + token + "' is not one of " + String.join(", ", choices));
        }
        return token;
    }

    /** The next token as it is; {@code expected} says what it should be if there is none. */
    String token(String expected) {
        return take(expected);
    }

    /** Whether the next token starts with {@code prefix} and a digit. */
    boolean has(String prefix) {
        return next < tokens.length && tokens[next].startsWith(prefix) && tokens[next].length() > prefix.length()
                && Character.isDigit(tokens[next].charAt(prefix.length()));
    }

    int integer(String prefix) {
        String value = value(prefix, INTEGER, "a whole number");
        return Integer.parseInt(value);
    }

    /** A seed: a whole number of up to 18 digits. */
    long seed(String prefix) {
        return Long.parseLong(value(prefix, SEED, "a seed (a whole number >= 0)"));
    }

    double number(String prefix) {
        return Double.parseDouble(value(prefix, NUMBER, "a number such as 0.5"));
    }

    /** A model token: {@code lin}, {@code mlp64}, {@code mlp64x64} or {@code cnn8x16}. */
    String model() {
        String token = take("a model (lin, mlp<width>[x<width>...], cnn<channels>[x<channels>...])");
        if (!MODEL.matcher(token).matches()) {
            throw error("'" + token + "' is not a model; valid: lin, mlp<width>[x<width>...], cnn<channels>[x<channels>...]");
        }
        return token;
    }

    /** The last three tokens: optimizer, batch size, epochs. */
    TrainingSettings training() {
        String word = take("an optimizer (" + TrainingSettings.OptimizerKind.tokens() + ")");
        TrainingSettings.OptimizerKind optimizer = TrainingSettings.OptimizerKind.of(word);
        if (optimizer == null) {
            throw error("'" + word + "' is not an optimizer; valid: " + TrainingSettings.OptimizerKind.tokens());
        }
        int batch = integer("b");
        int epochs = integer("e");
        if (batch < 1 || epochs < 1) {
            throw error("batch size and epochs must be >= 1");
        }
        return new TrainingSettings(optimizer, batch, epochs);
    }

    /** Checks that every token was read. */
    void end() {
        if (next < tokens.length) {
            throw error("'" + tokens[next] + "' is one token too many");
        }
    }

    SpecException error(String problem) {
        return new SpecException("task name " + Echo.quote(name) + ": " + problem + "; names of this family read "
                + form);
    }

    private String value(String prefix, Pattern pattern, String what) {
        String token = take(prefix + "<" + what + ">");
        if (!token.startsWith(prefix) || !pattern.matcher(token.substring(prefix.length())).matches()) {
            throw error("expected " + prefix + " followed by " + what + ", got '" + token + "'");
        }
        return token.substring(prefix.length());
    }

    private String take(String expected) {
        if (next >= tokens.length) {
            throw error("it ends where " + expected + " should follow");
        }
        return tokens[next++];
    }

    /** The model spec of a model token. */
    static Spec modelSpec(String token) {
        if (token.equals("lin")) {
            return Spec.parse("linear");
        }
        String sizes = "[" + token.substring(3).replace('x', ',') + "]";
        return token.startsWith("mlp") ? Spec.parse("mlp(hidden=" + sizes + ",activation=relu)")
                : Spec.parse("cnn(channels=" + sizes + ")");
    }
}
