package dev.psi.core.psi;

import dev.psi.core.psi.Expression.Binary;
import dev.psi.core.psi.Expression.Call;
import dev.psi.core.psi.Expression.Constant;
import dev.psi.core.psi.Expression.Function;
import dev.psi.core.psi.Expression.Negate;
import dev.psi.core.psi.Expression.Node;
import dev.psi.core.psi.Expression.Operator;
import dev.psi.core.psi.Expression.Variable;
import dev.psi.core.spec.SpecException;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive descent over the grammar in {@link Expression}'s javadoc, building its node tree; {@code pos} is
 * the index of the next character. Apart from {@code Expression} so that the formula's value type reads on
 * its own; the nodes it builds stay nested in {@code Expression}, whose checkpointed form names them.
 */
final class ExpressionParser {

    private static final String FUNCTIONS = "ln, log, exp, sqrt, pow";

    private final String text;
    private int pos;

    ExpressionParser(String text) {
        this.text = text;
    }

    Node parse() {
        skipSpace();
        if (pos == text.length()) {
            throw new SpecException("formula is empty");
        }
        Node node = expression();
        if (pos < text.length()) {
            throw error("unexpected '" + text.charAt(pos) + "' at position " + (pos + 1));
        }
        return node;
    }

    private Node expression() {
        Node node = term();
        while (peek('+') || peek('-')) {
            Operator operator = text.charAt(pos) == '+' ? Operator.ADD : Operator.SUBTRACT;
            advance();
            node = new Binary(operator, node, term());
        }
        return node;
    }

    private Node term() {
        Node node = unary();
        while (peek('*') || peek('/')) {
            Operator operator = text.charAt(pos) == '*' ? Operator.MULTIPLY : Operator.DIVIDE;
            advance();
            node = new Binary(operator, node, unary());
        }
        return node;
    }

    private Node unary() {
        if (peek('-')) {
            advance();
            return new Negate(unary());
        }
        return power();
    }

    private Node power() {
        Node base = primary();
        if (peek('^')) {
            advance();
            return new Binary(Operator.POW, base, unary());
        }
        return base;
    }

    private Node primary() {
        if (pos == text.length()) {
            throw error("ends early; expected a number, a name or '(' at position " + (pos + 1));
        }
        char c = text.charAt(pos);
        if (c == '(') {
            int open = pos;
            advance();
            Node inner = expression();
            expectClosing(open);
            return inner;
        }
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            return name();
        }
        throw error("unexpected '" + c + "' at position " + (pos + 1) + "; expected a number, a name or '('");
    }

    private Node number() {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        // An 'e' followed by a letter starts a name ("2epoch"), reported as such, not as a bad exponent.
        boolean exponentMark = pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E');
        if (exponentMark && !startsName(pos + 1)) {
            int exponent = pos + 1;
            if (exponent < text.length() && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                exponent++;
            }
            int digits = exponent;
            while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
                digits++;
            }
            if (digits == exponent) {
                throw error("malformed number '" + text.substring(start, digits) + "' at position " + (start + 1));
            }
            pos = digits;
        }
        String literal = text.substring(start, pos);
        if (literal.equals(".")) {
            throw error("malformed number '.' at position " + (start + 1));
        }
        double value = Double.parseDouble(literal);
        if (Double.isInfinite(value)) {
            throw error("number '" + literal + "' at position " + (start + 1) + " is too large");
        }
        skipSpace();
        return new Constant(value);
    }

    private Node name() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        String word = text.substring(start, pos);
        skipSpace();
        boolean call = peek('(');
        if (PsiFeature.isWord(word)) {
            if (call) {
                throw error("'" + word + "' at position " + (start + 1) + " is a feature, not a function");
            }
            return new Variable(PsiFeature.ofWord(word));
        }
        boolean function = isFunction(word);
        if (function && !call) {
            throw error("function '" + word + "' at position " + (start + 1) + " needs its argument: " + word
                    + "(...)");
        }
        if (!call) {
            throw error("unknown name '" + word + "' at position " + (start + 1) + "; valid: " + PsiFeature.words()
                    + " (functions: " + FUNCTIONS + ")");
        }
        if (!function) {
            throw error("unknown function '" + word + "' at position " + (start + 1) + "; valid: " + FUNCTIONS);
        }
        int open = pos;
        advance();
        List<Node> arguments = new ArrayList<>();
        arguments.add(expression());
        while (peek(',')) {
            advance();
            arguments.add(expression());
        }
        expectClosing(open);
        int wanted = word.equals("pow") ? 2 : 1;
        if (arguments.size() != wanted) {
            throw error(word + " at position " + (start + 1) + " takes " + wanted
                    + (wanted == 1 ? " argument" : " arguments") + ", got " + arguments.size());
        }
        return switch (word) {
            case "pow" -> new Binary(Operator.POW, arguments.get(0), arguments.get(1));
            case "exp" -> new Call(Function.EXP, arguments.get(0));
            case "sqrt" -> new Call(Function.SQRT, arguments.get(0));
            default -> new Call(Function.LN, arguments.get(0));
        };
    }

    private boolean startsName(int index) {
        return index < text.length() && (Character.isLetter(text.charAt(index)) || text.charAt(index) == '_');
    }

    private static boolean isFunction(String word) {
        return word.equals("ln") || word.equals("log") || word.equals("exp") || word.equals("sqrt")
                || word.equals("pow");
    }

    private void expectClosing(int open) {
        if (!peek(')')) {
            String found = pos == text.length() ? "the end" : "'" + text.charAt(pos) + "'";
            throw error("missing ')' for the '(' at position " + (open + 1) + "; found " + found + " at position "
                    + (pos + 1));
        }
        advance();
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    /** Consumes one character and the space after it. */
    private void advance() {
        pos++;
        skipSpace();
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private SpecException error(String problem) {
        return new SpecException("formula '" + text + "': " + problem);
    }
}
