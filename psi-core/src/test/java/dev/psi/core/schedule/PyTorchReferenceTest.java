package dev.psi.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.psi.core.Controllers;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.spec.Spec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every schedule against the trajectories PyTorch 1.13 computes for the same spec, recorded by
 * {@code tools/reference/schedules.py} in {@code reference/schedules.json}.
 */
class PyTorchReferenceTest {

    private static final String FIXTURE = "/reference/schedules.json";
    private static final double RELATIVE = 1e-9;
    private static final double ABSOLUTE = 1e-15;
    private static final ControllerContext CONTEXT = new ControllerContext(1, 0);

    static Stream<Arguments> cases() throws IOException {
        return referenceCases().stream().map(c -> Arguments.of(c.get("spec").textValue(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(String spec, JsonNode reference) {
        int steps = reference.get("steps").intValue();
        double[] expected = toArray(reference.get("lrs"));
        JsonNode metricsNode = reference.get("metrics");
        double[] metrics = metricsNode == null || metricsNode.isNull() ? null : toArray(metricsNode);

        double[] actual = Controllers.trace(Spec.parse(spec), CONTEXT, steps, metrics);

        assertEquals(expected.length, actual.length, "number of values");
        for (int k = 0; k < expected.length; k++) {
            double tolerance = Math.max(RELATIVE * Math.abs(expected[k]), ABSOLUTE);
            if (!(Math.abs(actual[k] - expected[k]) <= tolerance)) {
                fail("value " + k + " of " + spec + ": PyTorch " + expected[k] + ", Psi " + actual[k]);
            }
        }
    }

    @Test
    void fixtureCoversEveryScheduleAtLeastThreeTimes() throws IOException {
        List<JsonNode> cases = referenceCases();
        for (String name : Schedules.names()) {
            long count = cases.stream().filter(c -> Spec.parse(c.get("spec").textValue()).name().equals(name)).count();
            assertTrue(count >= 3, name + " has " + count + " reference cases");
        }
    }

    private static List<JsonNode> referenceCases() throws IOException {
        try (InputStream in = PyTorchReferenceTest.class.getResourceAsStream(FIXTURE)) {
            if (in == null) {
                throw new IOException(FIXTURE + " is missing; run /usr/bin/python3 tools/reference/schedules.py");
            }
            List<JsonNode> cases = new ArrayList<>();
            new ObjectMapper().readTree(in).get("cases").forEach(cases::add);
            return cases;
        }
    }

    private static double[] toArray(JsonNode array) {
        double[] values = new double[array.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = array.get(k).doubleValue();
        }
        return values;
    }
}
