package dev.psi.lab.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.psi.core.spec.Spec;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The momentum dimension of a study's search space. */
class SearchSpaceTest {

    private static List<String> choices(String optimizer) {
        return SearchSpace.momentumChoices(Spec.parse(optimizer)).stream().map(Spec::toString).toList();
    }

    @Test
    void sgdIsSearchedWithoutAndWithMomentum() {
        assertEquals(List.of("SGD()", "SGD(momentum=0.9)"), choices("SGD(momentum=0.9)"));
        assertEquals(List.of("SGD()", "SGD(momentum=0.9)"), choices("SGD()"));
    }

    @Test
    void sgdKeepsItsOtherArgumentsAndDropsNesterovWithoutMomentum() {
        assertEquals(List.of("SGD(weight_decay=0.0005)", "SGD(momentum=0.9,weight_decay=0.0005)"),
                choices("SGD(momentum=0.5,weight_decay=0.0005)"));
        assertEquals(List.of("SGD()", "SGD(momentum=0.9,nesterov=true)"), choices("SGD(momentum=0.9,nesterov=true)"));
    }

    @Test
    void anotherOptimizerIsKeptAsItIs() {
        assertEquals(List.of("Adam(weight_decay=0.01)"), choices("Adam(weight_decay=0.01)"));
    }

    @Test
    void randomPointsDrawBothMomentaOfEveryFamily() {
        SearchSpace space = new SearchSpace(1e-3, 1, List.of(ScheduleFamily.values()),
                SearchSpace.momentumChoices(Spec.parse("SGD(momentum=0.9)")));
        SplittableRandom random = new SplittableRandom(1);

        Set<String> seen = IntStream.range(0, 200).mapToObj(i -> RandomSearch.draw(space, random))
                .map(p -> p.family().word() + " " + p.optimizer()).collect(Collectors.toSet());

        assertEquals(ScheduleFamily.values().length * 2, seen.size(), seen.toString());
    }
}
