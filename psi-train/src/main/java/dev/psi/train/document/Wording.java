package dev.psi.train.document;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * How a {@link Document}'s messages word the problems the checks find. The checks are the same for every
 * document; the words follow who wrote the file: a person writes task and suite files, in YAML as often as
 * in JSON, so their messages speak of mappings and lists; the lab writes a Ψ model file in JSON, so its
 * messages quote the JSON a reader will find in it.
 */
public enum Wording {

    /**
     * Files people write: {@code name is required}, {@code unknown field 'data.foo' for format csv; valid: ..},
     * values as {@code 'text'}, {@code a mapping}, {@code a list} or {@code nothing}, and a syntax error's place
     * before the problem ({@code spec.yaml line 3, column 7: malformed YAML: ..}).
     */
    SPEC,

    /**
     * Files the lab writes: {@code lr_range is missing}, {@code lr-range is not a field here; valid: ..}, values
     * as JSON, and a syntax error's place inside the problem ({@code model file psi.json: malformed JSON at
     * line 2, column 3: ..}).
     */
    JSON;

    /** The problem of an absent field, e.g. {@code data.train is required}. */
    String missing(String path) {
        return path + (this == SPEC ? " is required" : " is missing");
    }

    /**
     * The problem of a field not in {@code valid}; {@code context} (e.g. {@code format csv}) says which valid
     * fields these are, or is null.
     */
    String unknown(String path, String context, List<String> valid) {
        String list = "; valid: " + String.join(", ", valid);
        return this == SPEC ? "unknown field '" + path + "'" + (context == null ? "" : " for " + context) + list
                : path + " is not a field here" + list;
    }

    /** How a value is named after "got": text in quotes, numbers and booleans as written; or the JSON itself. */
    String describe(JsonNode node) {
        if (this == JSON) {
            return String.valueOf(node);
        }
        if (node == null || node.isNull()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return "'" + node.textValue() + "'";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        return node.isArray() ? "a list" : node.asText();
    }

    /**
     * A syntax error at a place in the text.
     *
     * @param name the document, e.g. {@code spec.yaml} or {@code model file psi.json}
     * @param syntax {@code JSON} or {@code YAML}
     * @param line the 1-based line, or 0 if the parser did not say
     */
    String malformed(String name, String syntax, int line, int column, String problem) {
        if (line < 1) {
            return name + ": malformed " + syntax + ": " + problem;
        }
        String at = "line " + line + ", column " + column;
        return this == SPEC ? name + " " + at + ": malformed " + syntax + ": " + problem
                : name + ": malformed " + syntax + " at " + at + ": " + problem;
    }
}
