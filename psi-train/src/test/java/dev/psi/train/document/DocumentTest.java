package dev.psi.train.document;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.psi.core.spec.SpecException;
import dev.psi.train.data.DataException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing JSON and YAML into a tree, with one-line messages worded for who wrote the file. */
class DocumentTest {

    @Test
    void readsJsonOrYamlByTheExtension(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("a.yaml"), "name: x\nepochs: 3\n");
        Path json = Files.writeString(dir.resolve("a.json"), "{\"name\": \"x\", \"epochs\": 3}");
        Document fromYaml = Document.read(yaml, "task spec file", yaml.toString(), Wording.SPEC);
        Document fromJson = Document.read(json, "task spec file", json.toString(), Wording.SPEC);
        assertEquals(fromYaml.root(), fromJson.root());
        assertEquals(yaml.toString(), fromYaml.name());
    }

    @Test
    void aMissingFileIsADataErrorNamingTheKind(@TempDir Path dir) {
        Path none = dir.resolve("none.yaml");
        DataException e = assertThrows(DataException.class,
                () -> Document.read(none, "suite file", none.toString(), Wording.SPEC));
        assertEquals("suite file " + none + " not found", e.getMessage());
        DataException folder = assertThrows(DataException.class, () -> Document.text(dir, "model file"));
        assertEquals("model file " + dir + " is not a regular file", folder.getMessage());
    }

    @Test
    void aSyntaxErrorGivesThePlaceInEachWording() {
        assertTrue(message(() -> Document.parse("{]", true, "s.json", Wording.SPEC))
                .startsWith("s.json line 1, column 2: malformed JSON: Unexpected close marker ']'"));
        assertEquals("model file m.json: malformed JSON at line 1, column 12: Duplicate field 'a'",
                message(() -> Document.parse("{\"a\":1, \"a\":2}", true, "model file m.json", Wording.JSON)));
        assertTrue(message(() -> Document.parse("a: b: c", false, "s.yaml", Wording.SPEC))
                .startsWith("s.yaml line 1, column 5: malformed YAML: mapping values are not allowed here"));
    }

    @Test
    void anEmptyTextIsEmpty() {
        assertTrue(Document.parse("", true, "m", Wording.JSON).isEmpty());
        assertTrue(Document.parse("", false, "s", Wording.SPEC).isEmpty());
    }

    @Test
    void numbersNameTheItemThatIsNot() {
        Document json = Document.parse("{\"w\": [1, \"2\"], \"v\": [1.5, 2], \"n\": null}", true, "m", Wording.JSON);
        assertArrayEquals(new double[] {1.5, 2}, json.numbers(json.root().get("v"), "v"));
        assertEquals("m: w item 1 must be a number, got \"2\"", message(() -> json.numbers(json.root().get("w"), "w")));
        assertEquals(Double.NaN, json.numberOrNull(json.root().get("n"), "n"));
        assertEquals("m: x must be a number or null, got \"a\"",
                message(() -> json.numberOrNull(JsonNodeFactory.instance.textNode("a"), "x")));
    }

    @Test
    void messagesPlaceTheField() {
        Document document = Document.parse("{}", true, "f.json", Wording.SPEC);
        assertEquals("f.json: something", document.error("something").getMessage());
        assertEquals("f.json: data.train is wrong", document.error("data.train", "is wrong").getMessage());
        assertEquals("f.json: is wrong", document.error("", "is wrong").getMessage());
        assertEquals("f.json: model: unknown", document.nested("model", "unknown").getMessage());
        assertEquals("f.json: not a mapping", message(() -> document.mapping(JsonNodeFactory.instance.arrayNode(),
                "", "not a mapping")));
    }

    private static String message(Runnable action) {
        return assertThrows(SpecException.class, action::run).getMessage();
    }
}
