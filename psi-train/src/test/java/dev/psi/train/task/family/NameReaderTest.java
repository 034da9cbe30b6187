package dev.psi.train.task.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import org.junit.jupiter.api.Test;

class NameReaderTest {

    @Test
    void readsTokensInOrder() {
        NameReader reader = new NameReader("xx-w64-ln0.25-s12345678901-mlp8x4-adam-b16-e4", "xx", "FORM");

        assertEquals(64, reader.integer("w"));
        assertTrue(reader.has("ln"));
        assertEquals(0.25, reader.number("ln"));
        assertFalse(reader.has("ln"));
        assertEquals(12345678901L, reader.seed("s"));
        assertEquals("mlp8x4", reader.model());
        assertEquals(new TrainingSettings(TrainingSettings.OptimizerKind.ADAM, 16, 4), reader.training());
        reader.end();
    }

    @Test
    void modelTokensAreModelSpecs() {
        assertEquals(Spec.parse("linear"), NameReader.modelSpec("lin"));
        assertEquals(Spec.parse("mlp(hidden=[64,32],activation=relu)"), NameReader.modelSpec("mlp64x32"));
        assertEquals(Spec.parse("cnn(channels=[8,16])"), NameReader.modelSpec("cnn8x16"));
    }

    @Test
    void errorsNameTheTokenAndTheForm() {
        SpecException e = assertThrows(SpecException.class, () -> new NameReader("yy-w1", "xx", "xx-w<width>"));
        assertEquals("task name 'yy-w1': it does not start with xx-; names of this family read xx-w<width>",
                e.getMessage());
        assertEquals("task name 'xx-w01': expected w followed by a whole number, got 'w01'; names of this family read F",
                assertThrows(SpecException.class, () -> new NameReader("xx-w01", "xx", "F").integer("w")).getMessage());
    }
}
