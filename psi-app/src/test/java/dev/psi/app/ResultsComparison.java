package dev.psi.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Compares two {@code results.json}: everything but what may differ between two runs of the same study on
 * different machines — wall-clock seconds (fields named {@code seconds} or containing {@code _seconds}) and
 * {@code environment}. What is left must match to the last bit: the same numbers on every x86-64 CPU.
 */
public final class ResultsComparison {

    private ResultsComparison() {
    }

    /** A copy of {@code results} without its wall-clock fields and environment. */
    public static JsonNode withoutWallClock(JsonNode results) {
        JsonNode copy = results.deepCopy();
        if (copy instanceof ObjectNode root) {
            root.remove("environment");
        }
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> drop = new ArrayList<>();
            for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (name.equals("seconds") || name.contains("_seconds")) {
                    drop.add(name);
                }
            }
            object.remove(drop);
            object.elements().forEachRemaining(ResultsComparison::strip);
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(ResultsComparison::strip);
        }
    }
}
