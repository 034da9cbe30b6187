package dev.psi.train.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.spec.Range;
import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Typed reads of one mapping: values, fallbacks, and the message of each kind of mistake in each wording. */
class FieldsTest {

    private static Fields spec(String yaml) {
        Document document = Document.parse(yaml, false, "t.yaml", Wording.SPEC);
        return document.mapping(document.root(), "data.", "not a mapping");
    }

    private static Fields json(String json) {
        Document document = Document.parse(json, true, "model file m.json", Wording.JSON);
        return document.mapping(document.root(), "", "not an object");
    }

    @Test
    void readsValuesAndFallbacks() {
        Fields fields = spec("name: ' x '\nn: 3.0\nr: 0.5\nb: true\nseed: 12\nopt: SGD(momentum=0.9)\nk: csv\n");
        assertEquals("x", fields.text("name"));
        assertEquals(3, fields.integer("n", Range.atLeast(1)));
        assertEquals(7, fields.integer("missing", 7, Range.atLeast(1)));
        assertEquals(0.5, fields.number("r", Range.open(0, 1)));
        assertEquals(true, fields.bool("b", false));
        assertEquals(12, fields.seed("seed", 1));
        assertEquals(12, fields.whole("seed", 0, 100));
        assertEquals(Spec.parse("SGD(momentum=0.9)"), fields.spec("opt", null));
        assertEquals(Spec.parse("Adam()"), fields.spec("other", "Adam()"));
        assertEquals("csv", fields.choice("k", null, List.of("csv", "idx")));
        assertEquals("none", fields.choice("z", "none", List.of("none")));
        assertEquals(List.of(), fields.strings("absent"));
    }

    @Test
    void specWordingSpeaksOfRequiredFieldsAndQuotedText() {
        Fields fields = spec("name: 3\nk: xyz\nn: 2.5\nlist: [1]\nc: 'two'\n");
        assertEquals("t.yaml: data.other is required", message(() -> fields.text("other")));
        assertEquals("t.yaml: data.name must be text, got 3", message(() -> fields.text("name")));
        assertEquals("t.yaml: data.k 'xyz' is not valid; valid: csv, idx",
                message(() -> fields.choice("k", null, List.of("csv", "idx"))));
        assertEquals("t.yaml: data.z is required; valid: csv", message(() -> fields.choice("z", null, List.of("csv"))));
        assertEquals("t.yaml: data.n must be a whole number >= 1, got 2.5",
                message(() -> fields.integer("n", Range.atLeast(1))));
        assertEquals("t.yaml: data.list must be true or false, got a list", message(() -> fields.bool("list", true)));
        assertEquals("t.yaml: data.c must be a whole number from 1 to 10, got 'two'",
                message(() -> fields.whole("c", 1, 10)));
        assertEquals("t.yaml: data.q is required: a whole number from 1 to 10",
                message(() -> fields.whole("q", 1, 10)));
        assertEquals("t.yaml: unknown field 'data.c' for format csv; valid: name, k, n, list",
                message(() -> fields.allow("format csv", List.of("name", "k", "n", "list"))));
    }

    @Test
    void jsonWordingQuotesTheJson() {
        Fields fields = json("{\"format\": 1, \"tasks\": [\"a\", 2], \"s\": \"x\", \"extra\": true}");
        assertEquals("model file m.json: kind is missing", message(() -> fields.string("kind")));
        assertEquals("model file m.json: format must be a string, got 1", message(() -> fields.string("format")));
        assertEquals("model file m.json: tasks[1] must be a string, got 2", message(() -> fields.strings("tasks")));
        assertEquals("model file m.json: s must be an array, got \"x\"", message(() -> fields.array("s")));
        assertEquals("model file m.json: format is not a field here; valid: tasks, s, extra",
                message(() -> fields.allow("ignored at the top", List.of("tasks", "s", "extra"))));
    }

    private static String message(Runnable action) {
        return assertThrows(SpecException.class, action::run).getMessage();
    }
}
