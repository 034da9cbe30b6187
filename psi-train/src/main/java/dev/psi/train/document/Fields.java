package dev.psi.train.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.psi.core.spec.Range;
import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The fields of one mapping in a {@link Document}, read with type and range checks. Every check that fails
 * throws the document's {@link SpecException}, naming the field by its path ({@code data.train},
 * {@code network.members[0].layers}) so that a user finds it in the file.
 *
 * <p>Methods that take a fallback return it when the field is absent; the others require the field.
 */
public final class Fields {

    private final Document document;
    private final JsonNode node;
    private final String prefix;

    Fields(Document document, JsonNode node, String prefix) {
        this.document = document;
        this.node = node;
        this.prefix = prefix;
    }

    public boolean has(String key) {
        return node.has(key);
    }

    /** The field's value, or null if absent. */
    public JsonNode get(String key) {
        return node.get(key);
    }

    /** The field's path in the document, e.g. {@code data.train}. */
    public String path(String key) {
        return prefix + key;
    }

    /**
     * Rejects fields not in {@code valid}; called before reading, so that a misspelt field is reported as
     * such rather than as a missing one.
     *
     * @param context which fields are valid here, e.g. {@code format csv}, named in messages about a nested
     *     mapping; null for none
     */
    public void allow(String context, List<String> valid) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!valid.contains(field)) {
                throw document.error(document.wording().unknown(path(field), prefix.isEmpty() ? null : context,
                        valid));
            }
        }
    }

    /** The field's value; absent is an error. */
    public JsonNode require(String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            throw document.error(document.wording().missing(path(key)));
        }
        return value;
    }

    /** Text a person wrote: not blank, without leading and trailing spaces. */
    public String text(String key) {
        JsonNode value = require(key);
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw error(key, "must be text, got " + document.describe(value));
        }
        return value.textValue().strip();
    }

    /** A JSON string, as it is. */
    public String string(String key) {
        JsonNode value = require(key);
        if (!value.isTextual()) {
            throw error(key, "must be a string, got " + document.describe(value));
        }
        return value.asText();
    }

    /** An array of strings; empty if the field is absent. */
    public List<String> strings(String key) {
        if (!has(key)) {
            return List.of();
        }
        JsonNode array = array(key);
        List<String> strings = new ArrayList<>();
        for (int k = 0; k < array.size(); k++) {
            if (!array.get(k).isTextual()) {
                throw document.error(path(key) + "[" + k + "]", "must be a string, got "
                        + document.describe(array.get(k)));
            }
            strings.add(array.get(k).asText());
        }
        return strings;
    }

    /** An array of any values. */
    public JsonNode array(String key) {
        JsonNode value = require(key);
        if (!value.isArray()) {
            throw error(key, "must be an array, got " + document.describe(value));
        }
        return value;
    }

    /** An array of numbers. */
    public double[] numbers(String key) {
        return document.numbers(require(key), path(key));
    }

    /** A number, or NaN for {@code null}. */
    public double numberOrNull(String key) {
        return document.numberOrNull(require(key), path(key));
    }

    /** A word out of {@code choices}; {@code fallback == null} makes the field required. */
    public String choice(String key, String fallback, List<String> choices) {
        if (fallback != null && !has(key)) {
            return fallback;
        }
        JsonNode value = node.get(key);
        String valid = "; valid: " + String.join(", ", choices);
        if (value == null) {
            throw document.error(document.wording().missing(path(key)) + valid);
        }
        if (!value.isTextual() || !choices.contains(value.textValue())) {
            throw error(key, document.describe(value) + " is not valid" + valid);
        }
        return value.textValue();
    }

    public boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = node.get(key);
        if (!value.isBoolean()) {
            throw error(key, "must be true or false, got " + document.describe(value));
        }
        return value.booleanValue();
    }

    /** A finite number in {@code range}. */
    public double number(String key, Range range) {
        JsonNode value = require(key);
        if (!value.isNumber() || !range.contains(value.doubleValue()) || Double.isInfinite(value.doubleValue())) {
            throw error(key, "must be a number " + range.describe() + ", got " + document.describe(value));
        }
        return value.doubleValue();
    }

    public double number(String key, double fallback, Range range) {
        return has(key) ? number(key, range) : fallback;
    }

    /** A whole number in {@code range}; {@code 3.0} is whole. */
    public int integer(String key, Range range) {
        JsonNode value = require(key);
        double v = value.isNumber() ? value.doubleValue() : Double.NaN;
        if (v != Math.rint(v) || !range.contains(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw error(key, "must be a whole number " + range.describe() + ", got " + document.describe(value));
        }
        return (int) v;
    }

    public int integer(String key, int fallback, Range range) {
        return has(key) ? integer(key, range) : fallback;
    }

    /** An integer literal in [min, max]; absent is an error that names the range. */
    public long whole(String key, long min, long max) {
        if (!has(key)) {
            throw document.error(document.wording().missing(path(key)) + ": a whole number from " + min + " to "
                    + max);
        }
        return whole(key, min, max, 0);
    }

    /** An integer literal in [min, max]. */
    public long whole(String key, long min, long max, long fallback) {
        JsonNode value = node.get(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min
                || value.longValue() > max) {
            throw error(key, "must be a whole number from " + min + " to " + max + ", got " + document.describe(value));
        }
        return value.longValue();
    }

    /** Any integer literal that fits a long, e.g. a seed. */
    public long seed(String key, long fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = node.get(key);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw error(key, "must be a whole number, got " + document.describe(value));
        }
        return value.longValue();
    }

    /** A spec such as {@code SGD(momentum=0.9)}; {@code fallback == null} makes the field required. */
    public Spec spec(String key, String fallback) {
        if (fallback != null && !has(key)) {
            return Spec.parse(fallback);
        }
        JsonNode value = require(key);
        if (!value.isTextual()) {
            throw error(key, "must be a spec such as Name(key=value,...), got " + document.describe(value));
        }
        try {
            return Spec.parse(value.textValue());
        } catch (SpecException e) {
            throw nested(key, e.getMessage());
        }
    }

    /** A problem stated as a sentence about the field: {@code NAME: data.label must be ...}. */
    public SpecException error(String key, String problem) {
        return document.error(path(key), problem);
    }

    /** A problem another part reported in its own words, placed at the field: {@code NAME: data.train: ...}. */
    public SpecException nested(String key, String message) {
        return document.nested(path(key), message);
    }
}
