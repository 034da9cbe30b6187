package dev.psi.core.spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, validated access to the arguments of one {@link Spec}.
 *
 * <p>Lifecycle: a factory creates one {@code Arguments} per spec, reads every key it knows (each read
 * registers the key as valid, whether or not the user gave it), then calls {@link #done()}, which
 * rejects any key that was given but never read and lists the valid ones. Every problem is a
 * {@link SpecException} with a one-line message that names the spec, the key and what is valid.
 */
public final class Arguments {

    private final Spec spec;
    private final Set<String> known = new LinkedHashSet<>();

    private Arguments(Spec spec) {
        this.spec = spec;
    }

    public static Arguments of(Spec spec) {
        return new Arguments(spec);
    }

    public Spec spec() {
        return spec;
    }

    public boolean has(String key) {
        known.add(key);
        return spec.args().containsKey(key);
    }

    /** A required number. */
    public double number(String key, Range range) {
        return checked(key, asNumber(key, require(key)), range);
    }

    /** An optional number with a default. */
    public double number(String key, double fallback, Range range) {
        return has(key) ? number(key, range) : fallback;
    }

    /** An optional number without a default. */
    public Optional<Double> optionalNumber(String key, Range range) {
        return has(key) ? Optional.of(number(key, range)) : Optional.empty();
    }

    /** A required whole number. */
    public int integer(String key, Range range) {
        return asInteger(key, checked(key, asNumber(key, require(key)), range));
    }

    /** An optional whole number with a default. */
    public int integer(String key, int fallback, Range range) {
        return has(key) ? integer(key, range) : fallback;
    }

    /** An optional whole number without a default. */
    public Optional<Integer> optionalInteger(String key, Range range) {
        return has(key) ? Optional.of(integer(key, range)) : Optional.empty();
    }

    /** A list of numbers; a single number is accepted as a one-element list. */
    public List<Double> numbers(String key, List<Double> fallback, Range range) {
        if (!has(key)) {
            return fallback;
        }
        SpecValue value = spec.args().get(key);
        List<SpecValue> items = value instanceof SpecValue.ListOf list ? list.items() : List.of(value);
        List<Double> out = new ArrayList<>(items.size());
        for (SpecValue item : items) {
            out.add(checked(key, asNumber(key, item), range));
        }
        return List.copyOf(out);
    }

    /** A list of whole numbers; a single number is accepted as a one-element list. */
    public List<Integer> integers(String key, List<Integer> fallback, Range range) {
        if (!has(key)) {
            return fallback;
        }
        List<Integer> out = new ArrayList<>();
        for (double d : numbers(key, List.of(), range)) {
            out.add(asInteger(key, d));
        }
        return List.copyOf(out);
    }

    /** One bare word out of a fixed set. */
    public String choice(String key, String fallback, String... choices) {
        if (!has(key)) {
            return fallback;
        }
        SpecValue value = spec.args().get(key);
        String word = value instanceof SpecValue.Word w ? w.text() : value.toString();
        for (String choice : choices) {
            if (choice.equals(word)) {
                return choice;
            }
        }
        throw new SpecException(spec.name() + ": " + key + "=" + Echo.cut(word) + " is not valid; valid: "
                + String.join(", ", choices));
    }

    /** A boolean written as {@code true}/{@code false}. */
    public boolean flag(String key, boolean fallback) {
        return Boolean.parseBoolean(choice(key, Boolean.toString(fallback), "true", "false"));
    }

    /** A bare word or path, e.g. a file name. */
    public String word(String key) {
        SpecValue value = require(key);
        if (value instanceof SpecValue.Word w) {
            return w.text();
        }
        throw new SpecException(spec.name() + ": " + key + " must be a word or path, got " + Echo.cut(value.toString()));
    }

    /** A required nested spec. */
    public Spec nested(String key) {
        SpecValue value = require(key);
        if (value instanceof SpecValue.Nested n) {
            return n.spec();
        }
        if (value instanceof SpecValue.Word w && SpecParser.bare(w.text())) {
            return new Spec(w.text(), java.util.Map.of());
        }
        throw new SpecException(spec.name() + ": " + key + " must be a spec such as Name(...), got "
                + Echo.cut(value.toString()));
    }

    /** A required list of nested specs. */
    public List<Spec> nestedList(String key) {
        SpecValue value = require(key);
        List<SpecValue> items = value instanceof SpecValue.ListOf list ? list.items() : List.of(value);
        List<Spec> out = new ArrayList<>();
        for (SpecValue item : items) {
            if (item instanceof SpecValue.Nested n) {
                out.add(n.spec());
            } else if (item instanceof SpecValue.Word w && SpecParser.bare(w.text())) {
                out.add(new Spec(w.text(), java.util.Map.of()));
            } else {
                throw new SpecException(spec.name() + ": " + key + " must be a list of specs [A(...),B(...)], got "
                        + Echo.cut(value.toString()));
            }
        }
        return List.copyOf(out);
    }

    /** A failure about one key that no generic check covers, e.g. two arguments that contradict. */
    public SpecException error(String message) {
        return new SpecException(spec.name() + ": " + message);
    }

    /** Rejects arguments that were given but never read. Call after reading every known key. */
    public void done() {
        for (String key : spec.args().keySet()) {
            if (!known.contains(key)) {
                throw new SpecException(spec.name() + " has no argument " + Echo.quote(key) + "; "
                        + (known.isEmpty() ? "it takes none" : "valid: " + String.join(", ", known)));
            }
        }
    }

    private SpecValue require(String key) {
        known.add(key);
        SpecValue value = spec.args().get(key);
        if (value == null) {
            // A misspelt required key shows up here before done() could name it: show what was given.
            String given = spec.args().isEmpty() ? "" : " (given: " + Echo.cut(String.join(", ", spec.args().keySet())) + ")";
            throw new SpecException(spec.name() + " needs " + key + "=..." + given);
        }
        return value;
    }

    private double asNumber(String key, SpecValue value) {
        if (value instanceof SpecValue.Number n) {
            return n.value();
        }
        throw new SpecException(spec.name() + ": " + key + " must be a number, got " + Echo.quote(value.toString()));
    }

    private double checked(String key, double value, Range range) {
        if (!range.contains(value) || Double.isInfinite(value)) {
            throw new SpecException(spec.name() + ": " + key + "=" + format(value) + " is out of range; it must be "
                    + range.describe());
        }
        return value;
    }

    private int asInteger(String key, double value) {
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new SpecException(spec.name() + ": " + key + " must be a whole number, got " + format(value));
        }
        return (int) value;
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
