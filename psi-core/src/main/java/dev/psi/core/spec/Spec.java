package dev.psi.core.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A parsed spec {@code Name(key=value, ...)}, the one syntax Psi uses for controllers, optimizers and
 * models. Argument order is kept so that {@link #toString()} gives back a canonical form of the input.
 *
 * @param name the constructor name, e.g. {@code StepLR}
 * @param args the arguments by key, in the order written
 */
public record Spec(String name, Map<String, SpecValue> args) {

    public Spec {
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    /** Parses spec text; see {@link SpecParser} for the grammar. */
    public static Spec parse(String text) {
        return SpecParser.parse(text);
    }

    @Override
    public String toString() {
        StringJoiner joined = new StringJoiner(",", name + "(", ")");
        args.forEach((key, value) -> joined.add(key + "=" + value));
        return joined.toString();
    }
}
