package dev.psi.lab.fit;

import dev.psi.core.psi.Expression;
import dev.psi.core.psi.PsiFeature;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;

/**
 * A formula for ln α with free parameters, the form every closed-form fit works on: a parametric
 * family, and a program found by symbolic regression once its constants are freed. It evaluates over all
 * rows of a {@link FitData} at once, with exact derivatives by each parameter (forward-mode
 * differentiation), which is what Levenberg–Marquardt needs; and it prints itself, parameters filled in,
 * in the grammar of {@link Expression}.
 */
sealed interface Term {

    /** Significant digits of a fitted number in formula text: the formula is then exact to ~1e-7 relative. */
    MathContext DIGITS = new MathContext(7);

    /** The value at every row. */
    double[] value(FitData data, double[] parameters);

    /**
     * The value and its derivative by parameter {@code k} at every row.
     *
     * @return {@code [values, derivatives]}
     */
    double[][] derivative(FitData data, double[] parameters, int k);

    /** Whether no feature occurs in the term, so that it is a number. */
    boolean constant();

    /**
     * The value of a {@link #constant()} term.
     *
     * @throws IllegalStateException if the term reads a feature
     */
    double scalar(double[] parameters);

    /** Text in the {@link Expression} grammar, parameters filled in, fully parenthesized. */
    String text(double[] parameters);

    /** The highest parameter index used, or -1. */
    int maxParameter();

    /** Text with constant subterms folded to one number. */
    default String folded(double[] parameters) {
        return constant() ? literal(scalar(parameters)) : text(parameters);
    }

    static Term parameter(int index) {
        return new Parameter(index);
    }

    static Term fixed(double value) {
        return new Fixed(value);
    }

    static Term feature(PsiFeature feature) {
        return new Feature(feature);
    }

    static Term ln(Term argument) {
        return new Call(Function.LN, argument);
    }

    static Term exp(Term argument) {
        return new Call(Function.EXP, argument);
    }

    static Term add(Term left, Term right) {
        return new Binary(Operator.ADD, left, right);
    }

    static Term subtract(Term left, Term right) {
        return new Binary(Operator.SUBTRACT, left, right);
    }

    static Term multiply(Term left, Term right) {
        return new Binary(Operator.MULTIPLY, left, right);
    }

    static Term divide(Term left, Term right) {
        return new Binary(Operator.DIVIDE, left, right);
    }

    static Term power(Term left, Term right) {
        return new Binary(Operator.POWER, left, right);
    }

    /**
     * A number as formula text: 7 significant digits, parenthesized when negative so that it can stand
     * anywhere (the exponent of {@code ^} included).
     */
    static String literal(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a fitted number is not finite: " + value);
        }
        String text = Double.toString(new BigDecimal(value).round(DIGITS).doubleValue()).replace('E', 'e');
        return value < 0 ? "(" + text + ")" : text;
    }

    /** A free parameter. */
    record Parameter(int index) implements Term {

        @Override
        public double[] value(FitData data, double[] parameters) {
            return filled(data.size(), parameters[index]);
        }

        @Override
        public double[][] derivative(FitData data, double[] parameters, int k) {
            return new double[][] {value(data, parameters), filled(data.size(), k == index ? 1 : 0)};
        }

        @Override
        public boolean constant() {
            return true;
        }

        @Override
        public double scalar(double[] parameters) {
            return parameters[index];
        }

        @Override
        public String text(double[] parameters) {
            return literal(parameters[index]);
        }

        @Override
        public int maxParameter() {
            return index;
        }
    }

    /** A number that is not fitted, such as the 1 of (1 + i). */
    record Fixed(double value) implements Term {

        @Override
        public double[] value(FitData data, double[] parameters) {
            return filled(data.size(), value);
        }

        @Override
        public double[][] derivative(FitData data, double[] parameters, int k) {
            return new double[][] {value(data, parameters), new double[data.size()]};
        }

        @Override
        public boolean constant() {
            return true;
        }

        @Override
        public double scalar(double[] parameters) {
            return value;
        }

        @Override
        public String text(double[] parameters) {
            return literal(value);
        }

        @Override
        public int maxParameter() {
            return -1;
        }
    }

    /** A feature of the state. */
    record Feature(PsiFeature feature) implements Term {

        @Override
        public double[] value(FitData data, double[] parameters) {
            return data.column(feature).clone();
        }

        @Override
        public double[][] derivative(FitData data, double[] parameters, int k) {
            return new double[][] {value(data, parameters), new double[data.size()]};
        }

        @Override
        public boolean constant() {
            return false;
        }

        @Override
        public double scalar(double[] parameters) {
            throw new IllegalStateException(feature.word() + " is not a number");
        }

        @Override
        public String text(double[] parameters) {
            return feature.word();
        }

        @Override
        public int maxParameter() {
            return -1;
        }
    }

    /** The functions of the grammar that fits use. */
    enum Function {
        LN("ln"),
        EXP("exp");

        final String word;

        Function(String word) {
            this.word = word;
        }
    }

    /** ln or exp of a term. */
    record Call(Function function, Term argument) implements Term {

        @Override
        public double[] value(FitData data, double[] parameters) {
            double[] x = argument.value(data, parameters);
            for (int i = 0; i < x.length; i++) {
                x[i] = function == Function.LN ? Math.log(x[i]) : Math.exp(x[i]);
            }
            return x;
        }

        @Override
        public double[][] derivative(FitData data, double[] parameters, int k) {
            double[][] inner = argument.derivative(data, parameters, k);
            double[] x = inner[0];
            double[] dx = inner[1];
            for (int i = 0; i < x.length; i++) {
                if (function == Function.LN) {
                    dx[i] = dx[i] / x[i];
                    x[i] = Math.log(x[i]);
                } else {
                    x[i] = Math.exp(x[i]);
                    dx[i] = dx[i] * x[i];
                }
            }
            return inner;
        }

        @Override
        public boolean constant() {
            return argument.constant();
        }

        @Override
        public double scalar(double[] parameters) {
            double x = argument.scalar(parameters);
            return function == Function.LN ? Math.log(x) : Math.exp(x);
        }

        @Override
        public String text(double[] parameters) {
            return function.word + "(" + argument.folded(parameters) + ")";
        }

        @Override
        public int maxParameter() {
            return argument.maxParameter();
        }
    }

    /** The binary operators of the grammar. */
    enum Operator {
        ADD("+"),
        SUBTRACT("-"),
        MULTIPLY("*"),
        DIVIDE("/"),
        POWER("^");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }
    }

    /** Two terms joined by an operator. */
    record Binary(Operator operator, Term left, Term right) implements Term {

        @Override
        public double[] value(FitData data, double[] parameters) {
            double[] a = left.value(data, parameters);
            double[] b = right.value(data, parameters);
            for (int i = 0; i < a.length; i++) {
                a[i] = apply(operator, a[i], b[i]);
            }
            return a;
        }

        @Override
        public double[][] derivative(FitData data, double[] parameters, int k) {
            double[][] l = left.derivative(data, parameters, k);
            double[][] r = right.derivative(data, parameters, k);
            double[] a = l[0];
            double[] da = l[1];
            double[] b = r[0];
            double[] db = r[1];
            for (int i = 0; i < a.length; i++) {
                double value = apply(operator, a[i], b[i]);
                da[i] = switch (operator) {
                    case ADD -> da[i] + db[i];
                    case SUBTRACT -> da[i] - db[i];
                    case MULTIPLY -> da[i] * b[i] + a[i] * db[i];
                    case DIVIDE -> (da[i] - value * db[i]) / b[i];
                    // d(a^b) = b a^(b-1) a' + a^b ln(a) b'; each part only where its operand moves, so that
                    // a negative base under a fixed exponent keeps a finite slope.
                    case POWER -> (da[i] == 0 ? 0 : b[i] * Math.pow(a[i], b[i] - 1) * da[i])
                            + (db[i] == 0 ? 0 : value * Math.log(a[i]) * db[i]);
                };
                a[i] = value;
            }
            return l;
        }

        @Override
        public boolean constant() {
            return left.constant() && right.constant();
        }

        @Override
        public double scalar(double[] parameters) {
            return apply(operator, left.scalar(parameters), right.scalar(parameters));
        }

        @Override
        public String text(double[] parameters) {
            boolean additive = operator == Operator.ADD || operator == Operator.SUBTRACT;
            String flipped = operator == Operator.ADD ? " - " : " + ";
            // x + -2 reads as x - 2, and x + -2*y as x - 2*y.
            if (additive && right.constant() && right.scalar(parameters) < 0) {
                return "(" + left.folded(parameters) + flipped + literal(-right.scalar(parameters)) + ")";
            }
            if (additive && right instanceof Binary product && product.operator() == Operator.MULTIPLY
                    && product.left().constant() && product.left().scalar(parameters) < 0) {
                return "(" + left.folded(parameters) + flipped + literal(-product.left().scalar(parameters)) + " * "
                        + product.right().folded(parameters) + ")";
            }
            return "(" + left.folded(parameters) + " " + operator.symbol + " " + right.folded(parameters) + ")";
        }

        @Override
        public int maxParameter() {
            return Math.max(left.maxParameter(), right.maxParameter());
        }
    }

    private static double apply(Operator operator, double a, double b) {
        return switch (operator) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> a / b;
            case POWER -> Math.pow(a, b);
        };
    }

    private static double[] filled(int size, double value) {
        double[] out = new double[size];
        Arrays.fill(out, value);
        return out;
    }
}
