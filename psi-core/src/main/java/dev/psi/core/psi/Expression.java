package dev.psi.core.psi;

import dev.psi.core.spec.SpecException;
import java.io.Serializable;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A closed-form Ψ: a formula over {@link PsiFeature} names, parsed once and evaluated many times.
 *
 * <p>Grammar, with the usual precedence (lowest first) and left associativity except for {@code ^}:
 * <pre>
 *   expression := term (('+' | '-') term)*
 *   term       := unary (('*' | '/') unary)*
 *   unary      := '-' unary | power
 *   power      := primary ('^' unary)?            right-associative: a^b^c = a^(b^c)
 *   primary    := number | feature | function '(' expression (',' expression)* ')' | '(' expression ')'
 * </pre>
 * so that {@code -x^2} is −(x²) and {@code x^-0.2} needs no parentheses, as in mathematics. Numbers are
 * decimal with an optional exponent ({@code 1e-3}); functions are {@code ln}, {@code log} (also natural),
 * {@code exp}, {@code sqrt} and {@code pow(a, b)} (= {@code a^b}).
 *
 * <p>{@link #toString()} is canonical: {@code log} becomes {@code ln}, {@code pow(a, b)} becomes
 * {@code a^b}, and parentheses appear only where the tree needs them, so parsing it gives back an equal
 * expression that evaluates to the same bits. Two expressions are equal when their trees are.
 */
public final class Expression implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final int FEATURE_COUNT = PsiFeature.all().size();

    // How tightly each kind of node binds, lowest first: where the printer needs parentheses.
    private static final int ADDITIVE = 1;
    private static final int MULTIPLICATIVE = 2;
    private static final int NEGATION = 3;
    private static final int POWER = 4;
    private static final int ATOM = 5;

    private final Node root;
    private final Set<PsiFeature> features;
    private final String text;

    private Expression(Node root) {
        this.root = root;
        EnumSet<PsiFeature> used = EnumSet.noneOf(PsiFeature.class);
        root.collect(used);
        this.features = Collections.unmodifiableSet(used);
        StringBuilder out = new StringBuilder();
        root.append(out);
        this.text = out.toString();
    }

    /**
     * Parses a formula.
     *
     * @throws SpecException if it is malformed or names an unknown feature or function; the one-line
     *     message gives the position (1-based) and the valid names
     */
    public static Expression parse(String text) {
        Objects.requireNonNull(text, "text");
        return new Expression(new ExpressionParser(text).parse());
    }

    /**
     * The value of the formula.
     *
     * @param values one value per {@link PsiFeature}, indexed by {@link PsiFeature#ordinal()}; only those
     *     of {@link #features()} are read
     */
    public double evaluate(double[] values) {
        if (values.length != FEATURE_COUNT) {
            throw new IllegalArgumentException("expected " + FEATURE_COUNT + " values, one per feature, got "
                    + values.length);
        }
        return root.evaluate(values);
    }

    /**
     * The value of the formula.
     *
     * @param values a value for each of {@link #features()} at least
     * @throws IllegalArgumentException if one of them is missing
     */
    public double evaluate(Map<PsiFeature, Double> values) {
        double[] array = new double[FEATURE_COUNT];
        for (PsiFeature feature : features) {
            Double value = values.get(feature);
            if (value == null) {
                throw new IllegalArgumentException("no value for " + feature.word() + " in " + text);
            }
            array[feature.ordinal()] = value;
        }
        return root.evaluate(array);
    }

    /** The features the formula reads, in declaration order. */
    public Set<PsiFeature> features() {
        return features;
    }

    /** The number of nodes of the tree: numbers, names, operators and function calls. */
    public int size() {
        return root.size();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Expression e && root.equals(e.root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    /** The canonical text of the formula. */
    @Override
    public String toString() {
        return text;
    }

    // The tree is package-private so that ExpressionParser can build it. Checkpoints of PsiController carry it
    // serialized: the nested names (Expression$Binary, ...), their components and serialVersionUIDs are a
    // stored format, so keep them as they are.
    sealed interface Node extends Serializable permits Constant, Variable, Negate, Binary, Call {

        double evaluate(double[] values);

        void append(StringBuilder out);

        int precedence();

        int size();

        void collect(Set<PsiFeature> into);
    }

    record Constant(double value) implements Node {

        private static final long serialVersionUID = 1L;

        @Override
        public double evaluate(double[] values) {
            return value;
        }

        @Override
        public void append(StringBuilder out) {
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                out.append((long) value);
            } else {
                out.append(Double.toString(value).replace('E', 'e'));
            }
        }

        @Override
        public int precedence() {
            return ATOM;
        }

        @Override
        public int size() {
            return 1;
        }

        @Override
        public void collect(Set<PsiFeature> into) {
        }
    }

    record Variable(PsiFeature feature) implements Node {

        private static final long serialVersionUID = 1L;

        @Override
        public double evaluate(double[] values) {
            return values[feature.ordinal()];
        }

        @Override
        public void append(StringBuilder out) {
            out.append(feature.word());
        }

        @Override
        public int precedence() {
            return ATOM;
        }

        @Override
        public int size() {
            return 1;
        }

        @Override
        public void collect(Set<PsiFeature> into) {
            into.add(feature);
        }
    }

    record Negate(Node operand) implements Node {

        private static final long serialVersionUID = 1L;

        @Override
        public double evaluate(double[] values) {
            return -operand.evaluate(values);
        }

        @Override
        public void append(StringBuilder out) {
            out.append('-');
            // -(-x) rather than --x, which parses the same but reads like a typo.
            appendOperand(out, operand, operand.precedence() <= NEGATION);
        }

        @Override
        public int precedence() {
            return NEGATION;
        }

        @Override
        public int size() {
            return 1 + operand.size();
        }

        @Override
        public void collect(Set<PsiFeature> into) {
            operand.collect(into);
        }
    }

    enum Operator {
        ADD("+", ADDITIVE),
        SUBTRACT("-", ADDITIVE),
        MULTIPLY("*", MULTIPLICATIVE),
        DIVIDE("/", MULTIPLICATIVE),
        POW("^", POWER);

        final String symbol;
        final int precedence;

        Operator(String symbol, int precedence) {
            this.symbol = symbol;
            this.precedence = precedence;
        }

        double apply(double left, double right) {
            return switch (this) {
                case ADD -> left + right;
                case SUBTRACT -> left - right;
                case MULTIPLY -> left * right;
                case DIVIDE -> left / right;
                case POW -> Math.pow(left, right);
            };
        }
    }

    record Binary(Operator operator, Node left, Node right) implements Node {

        private static final long serialVersionUID = 1L;

        @Override
        public double evaluate(double[] values) {
            return operator.apply(left.evaluate(values), right.evaluate(values));
        }

        @Override
        public void append(StringBuilder out) {
            boolean power = operator == Operator.POW;
            // Left-associative operators need parentheses around a right operand of the same level, and
            // ^ (right-associative) around a left one; the exponent is a unary, so -x needs none there.
            appendOperand(out, left, power ? left.precedence() <= POWER : left.precedence() < operator.precedence);
            out.append(operator.precedence == ADDITIVE ? " " + operator.symbol + " " : operator.symbol);
            appendOperand(out, right, power ? right.precedence() < NEGATION : right.precedence() <= operator.precedence);
        }

        @Override
        public int precedence() {
            return operator.precedence;
        }

        @Override
        public int size() {
            return 1 + left.size() + right.size();
        }

        @Override
        public void collect(Set<PsiFeature> into) {
            left.collect(into);
            right.collect(into);
        }
    }

    enum Function {
        LN("ln"),
        EXP("exp"),
        SQRT("sqrt");

        final String word;

        Function(String word) {
            this.word = word;
        }

        double apply(double x) {
            return switch (this) {
                case LN -> Math.log(x);
                case EXP -> Math.exp(x);
                case SQRT -> Math.sqrt(x);
            };
        }
    }

    record Call(Function function, Node argument) implements Node {

        private static final long serialVersionUID = 1L;

        @Override
        public double evaluate(double[] values) {
            return function.apply(argument.evaluate(values));
        }

        @Override
        public void append(StringBuilder out) {
            out.append(function.word).append('(');
            argument.append(out);
            out.append(')');
        }

        @Override
        public int precedence() {
            return ATOM;
        }

        @Override
        public int size() {
            return 1 + argument.size();
        }

        @Override
        public void collect(Set<PsiFeature> into) {
            argument.collect(into);
        }
    }

    private static void appendOperand(StringBuilder out, Node operand, boolean parenthesize) {
        if (parenthesize) {
            out.append('(');
        }
        operand.append(out);
        if (parenthesize) {
            out.append(')');
        }
    }
}
