package dev.psi.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecParserTest {

    private static String error(String text) {
        return assertThrows(SpecException.class, () -> Spec.parse(text)).getMessage();
    }

    @Test
    void parsesNameAndArgumentsInOrder() {
        Spec spec = Spec.parse("StepLR(lr=0.1,step_size=30)");

        assertEquals("StepLR", spec.name());
        assertEquals(List.of("lr", "step_size"), List.copyOf(spec.args().keySet()));
    }

    @Test
    void keepsTheTextOfNumbers() {
        assertEquals(new SpecValue.Number(1e-3, "1e-3"), Spec.parse("A(x=1e-3)").args().get("x"));
    }

    @Test
    void parsesNegativeNumbers() {
        assertEquals(-0.5, ((SpecValue.Number) Spec.parse("A(x=-0.5)").args().get("x")).value());
    }

    @Test
    void parsesLeadingDotFractions() {
        assertEquals(0.5, ((SpecValue.Number) Spec.parse("A(x=.5)").args().get("x")).value());
    }

    @Test
    void parsesRelativePathsAsWords() {
        assertEquals(new SpecValue.Word("./models/psi.json"), Spec.parse("Psi(model=./models/psi.json)").args().get("model"));
    }

    @Test
    void parsesAQuotedStringAsItStandsBetweenItsQuotes() {
        assertEquals(new SpecValue.Word("/home/jane doe/psi+1, final.json"),
                Spec.parse("Psi(model='/home/jane doe/psi+1, final.json')").args().get("model"));
    }

    @Test
    void parsesADoubleQuotedStringThatHoldsASingleQuote() {
        assertEquals(new SpecValue.Word("jane's"), Spec.parse("A(x=\"jane's\")").args().get("x"));
    }

    @Test
    void aQuotedNumberIsAString() {
        assertEquals(new SpecValue.Word("0.5"), Spec.parse("A(x='0.5')").args().get("x"));
    }

    @Test
    void writesStringsBareWhereTheyReadBackAndQuotedElsewhere() {
        Spec spec = Spec.parse("A(a='min',b='a b',c=\"it's\",d='',e='.5',f=store:ab12/psi.json)");
        assertEquals("A(a=min,b='a b',c=\"it's\",d='',e='.5',f=store:ab12/psi.json)", spec.toString());
        assertEquals(spec, Spec.parse(spec.toString()));
    }

    @Test
    void aStringWithBothQuotesCannotBeMade() {
        SpecException e = assertThrows(SpecException.class, () -> new SpecValue.Word("a'b\"c"));
        assertEquals("the string 'a'b\"c' holds both ' and \", which no spec can", e.getMessage());
    }

    @Test
    void rejectsAnUnclosedString() {
        assertEquals("malformed spec 'A(x='a b)' at character 5: a string opened with ' is never closed",
                error("A(x='a b)"));
    }

    @Test
    void parsesBareWords() {
        assertEquals(new SpecValue.Word("exp_range"), Spec.parse("CyclicLR(mode=exp_range)").args().get("mode"));
    }

    @Test
    void parsesLists() {
        assertEquals("[30,80]", Spec.parse("MultiStepLR(milestones=[30, 80])").args().get("milestones").toString());
    }

    @Test
    void parsesEmptyLists() {
        assertEquals(new SpecValue.ListOf(List.of()), Spec.parse("A(x=[])").args().get("x"));
    }

    @Test
    void parsesNestedSpecs() {
        SpecValue value = Spec.parse("W(then=StepLR(step_size=2))").args().get("then");

        assertEquals(Spec.parse("StepLR(step_size=2)"), ((SpecValue.Nested) value).spec());
    }

    @Test
    void bareNameIsASpecWithoutArguments() {
        assertEquals(new Spec("Constant", Map.of()), Spec.parse("Constant"));
    }

    @Test
    void ignoresWhitespaceBetweenTokens() {
        assertEquals(Spec.parse("StepLR(lr=0.1,step_size=3)"), Spec.parse("  StepLR ( lr = 0.1 , step_size = 3 )  "));
    }

    @Test
    void toStringIsCanonical() {
        assertEquals("SequentialLR(schedulers=[LinearLR(total_iters=5),Constant()],milestones=[5])",
                Spec.parse("SequentialLR( schedulers = [LinearLR(total_iters=5), Constant()], milestones=[5])").toString());
    }

    @Test
    void rejectsEmptyText() {
        assertEquals("empty spec: expected Name(key=value,...)", error("  "));
    }

    @Test
    void rejectsDuplicateKeys() {
        assertEquals("malformed spec 'A(x=1,x=2)' at character 7: argument 'x' of A is given twice", error("A(x=1,x=2)"));
    }

    @Test
    void rejectsTrailingText() {
        assertEquals("malformed spec 'A(x=1) B' at character 8: unexpected 'B' after the end of the spec", error("A(x=1) B"));
    }

    @Test
    void rejectsMalformedNumbers() {
        assertEquals("malformed spec 'A(x=1.2.3)' at character 5: '1.2.3' is not a number: a number is written with "
                + "the ASCII digits 0-9, as in 30, -0.5 or 1e-3", error("A(x=1.2.3)"));
    }

    @Test
    void rejectsDigitsOfOtherScripts() {
        // U+FF10 FULLWIDTH DIGIT ZERO: Character.isDigit says yes, Double.parseDouble says no.
        assertEquals("malformed spec 'StepLR(lr=\uFF10.1,step_size=1)' at character 11: '\uFF10.1' is not a number: a "
                + "number is written with the ASCII digits 0-9, as in 30, -0.5 or 1e-3",
                error("StepLR(lr=\uFF10.1,step_size=1)"));
    }

    @Test
    void rejectsSuffixesThatJavaAcceptsInNumbers() {
        assertEquals(true, error("A(x=1f)").contains("'1f' is not a number"));
    }

    @Test
    void rejectsSpecsNestedDeeperThanTheLimit() {
        String message = error("Guard(then=".repeat(1000) + "Constant(lr=0.1)" + ")".repeat(1000));
        assertEquals(true, message.endsWith("at character " + (32 * "Guard(then=".length() + 6)
                + ": nested deeper than 32 levels (specs and lists count alike)"), message);
    }

    @Test
    void rejectsListsNestedDeeperThanTheLimit() {
        String message = error("MultiStepLR(milestones=" + "[".repeat(1000) + "1" + "]".repeat(1000) + ")");
        assertEquals(true, message.endsWith(": nested deeper than 32 levels (specs and lists count alike)"), message);
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        String text = "A(x=".repeat(SpecParser.MAX_DEPTH) + "1" + ")".repeat(SpecParser.MAX_DEPTH);
        assertEquals(text, Spec.parse(text).toString());
    }

    @Test
    void cutsLongTextInMessages() {
        String message = error("A".repeat(10_000) + "(");
        assertEquals("malformed spec '" + "A".repeat(Echo.MAX_LENGTH) + "…' at the end: expected an argument name", message);
    }

    @Test
    void rejectsAMissingValue() {
        assertEquals("malformed spec 'A(x=)' at character 5: expected a value", error("A(x=)"));
    }

    @Test
    void rejectsAnUnclosedList() {
        assertEquals("malformed spec 'A(x=[1,2)' at character 9: expected ',' or ']' in a list", error("A(x=[1,2)"));
    }
}
