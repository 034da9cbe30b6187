package dev.psi.core.spec;

import java.util.List;

/**
 * One argument value of a {@link Spec}: a number, a string, a list {@code [a,b,c]}, or a nested spec
 * {@code Name(...)}. Values keep the text they were written as, so that error messages and stored specs
 * show exactly what the user typed.
 */
public sealed interface SpecValue {

    /** A numeric literal such as {@code 0.1}, {@code 1e-3} or {@code 30}. */
    record Number(double value, String text) implements SpecValue {
        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * A string: a bare word such as {@code min}, {@code cos} or {@code true}, or a quoted one such as
     * {@code '/home/jane doe/psi.json'}; {@code text} is the string itself, without quotes.
     */
    record Word(String text) implements SpecValue {

        /** @throws SpecException if {@code text} holds both quotes, which no spec text can hold */
        public Word {
            if (text.indexOf('\'') >= 0 && text.indexOf('"') >= 0) {
                throw new SpecException("the string " + Echo.quote(text) + " holds both ' and \", which no spec can");
            }
        }

        /** The string as spec text: bare where it reads back as itself, else quoted with the quote it does not hold. */
        @Override
        public String toString() {
            if (SpecParser.bare(text)) {
                return text;
            }
            return text.indexOf('\'') < 0 ? "'" + text + "'" : '"' + text + '"';
        }
    }

    /** A bracketed list such as {@code [30,80]}. */
    record ListOf(List<SpecValue> items) implements SpecValue {
        public ListOf {
            items = List.copyOf(items);
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < items.size(); i++) {
                out.append(i == 0 ? "" : ",").append(items.get(i));
            }
            return out.append(']').toString();
        }
    }

    /** A nested spec such as {@code then=StepLR(step_size=2)}. */
    record Nested(Spec spec) implements SpecValue {
        @Override
        public String toString() {
            return spec.toString();
        }
    }
}
