package dev.psi.core.spec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static Arguments of(String spec) {
        return Arguments.of(Spec.parse(spec));
    }

    @Test
    void readsAGivenNumber() {
        assertEquals(0.5, of("A(x=0.5)").number("x", 1.0, Range.positive()));
    }

    @Test
    void fallsBackToTheDefault() {
        assertEquals(1.0, of("A").number("x", 1.0, Range.positive()));
    }

    @Test
    void optionalNumberIsEmptyWhenAbsent() {
        assertEquals(Optional.empty(), of("A").optionalNumber("x", Range.any()));
    }

    @Test
    void requiredNumberNamesTheMissingKey() {
        var error = assertThrows(SpecException.class, () -> of("A").number("x", Range.any()));
        assertEquals("A needs x=...", error.getMessage());
    }

    @Test
    void requiredKeyErrorShowsTheKeysGivenSoAMisspellingIsVisible() {
        var error = assertThrows(SpecException.class, () -> of("A(y=1)").number("x", Range.any()));
        assertEquals("A needs x=... (given: y)", error.getMessage());
    }

    @Test
    void specTakingNoArgumentsSaysSo() {
        Arguments args = of("A(y=1)");
        var error = assertThrows(SpecException.class, args::done);
        assertEquals("A has no argument 'y'; it takes none", error.getMessage());
    }

    @Test
    void outOfRangeSaysTheRange() {
        var error = assertThrows(SpecException.class, () -> of("A(x=1)").number("x", Range.open(0, 1)));
        assertEquals("A: x=1 is out of range; it must be in (0, 1)", error.getMessage());
    }

    @Test
    void wordWhereANumberIsExpected() {
        var error = assertThrows(SpecException.class, () -> of("A(x=fast)").number("x", Range.any()));
        assertEquals("A: x must be a number, got 'fast'", error.getMessage());
    }

    @Test
    void integerRejectsFractions() {
        var error = assertThrows(SpecException.class, () -> of("A(n=2.5)").integer("n", Range.atLeast(1)));
        assertEquals("A: n must be a whole number, got 2.5", error.getMessage());
    }

    @Test
    void integerAcceptsWholeDoubles() {
        assertEquals(30, of("A(n=30.0)").integer("n", Range.atLeast(1)));
    }

    @Test
    void integersAcceptASingleNumberAsAList() {
        assertEquals(List.of(5), of("A(m=5)").integers("m", List.of(), Range.atLeast(0)));
    }

    @Test
    void integersCheckEveryItem() {
        var error = assertThrows(SpecException.class, () -> of("A(m=[1,-2])").integers("m", List.of(), Range.atLeast(0)));
        assertEquals("A: m=-2 is out of range; it must be >= 0", error.getMessage());
    }

    @Test
    void choiceListsTheValidWords() {
        var error = assertThrows(SpecException.class, () -> of("A(mode=up)").choice("mode", "min", "min", "max"));
        assertEquals("A: mode=up is not valid; valid: min, max", error.getMessage());
    }

    @Test
    void flagReadsTrue() {
        assertTrue(of("A(f=true)").flag("f", false));
    }

    @Test
    void nestedListTurnsBareWordsIntoSpecs() {
        assertEquals(List.of(new Spec("Constant", Map.of()), Spec.parse("StepLR(step_size=2)")),
                of("A(s=[Constant,StepLR(step_size=2)])").nestedList("s"));
    }

    @Test
    void aQuotedStringIsNoSpec() {
        SpecException e = assertThrows(SpecException.class,
                () -> of("Warmup(then='StepLR(step_size=2)')").nested("then"));
        assertEquals("Warmup: then must be a spec such as Name(...), got 'StepLR(step_size=2)'", e.getMessage());
    }

    @Test
    void doneRejectsAnUnreadKeyAndListsTheReadOnes() {
        Arguments args = of("A(x=1,y=2)");
        args.number("x", 0, Range.any());
        args.has("z");

        var error = assertThrows(SpecException.class, args::done);
        assertEquals("A has no argument 'y'; valid: x, z", error.getMessage());
    }

    @Test
    void doneAcceptsWhenEveryKeyWasRead() {
        Arguments args = of("A(x=1)");
        args.number("x", 0, Range.any());

        assertDoesNotThrow(args::done);
    }

    @Test
    void rangeDescribesHalfOpenIntervals() {
        assertEquals("in (0, 1]", Range.openClosed(0, 1).describe());
    }

    @Test
    void rangeExcludesNan() {
        assertFalse(Range.any().contains(Double.NaN));
    }
}
