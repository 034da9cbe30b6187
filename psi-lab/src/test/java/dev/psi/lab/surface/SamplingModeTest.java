package dev.psi.lab.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.criteria.Metric;
import dev.psi.core.criteria.Target;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SamplingModeTest {

    private static String refused(Runnable construction) {
        return assertThrows(IllegalArgumentException.class, construction::run).getMessage();
    }

    @Test
    void specTextsNameEveryValueThatChangesTheNumbers() {
        SamplingMode.Walk walk = new SamplingMode.Walk(0.5, 1e-4, 3, OptionalDouble.empty());
        SamplingMode.Oracle oracle = new SamplingMode.Oracle(List.of(0.25, 0.5, 1.0, 2.0, 4.0), 1,
                SamplingMode.Objective.VAL_LOSS, OptionalDouble.empty());

        assertEquals("walk(sigma=0.5,lr_min=0.0001,lr_max=3,lr_start=0.1)", walk.spec(walk.start(0.1)));
        assertEquals("Constant(lr=0.001)", SamplingMode.Grid.spec(1e-3));
        assertEquals("oracle(candidates=[0.25,0.5,1,2,4],horizon=1,objective=val_loss,lr_start=0.001)",
                oracle.spec(oracle.start(1e-3)));
    }

    @Test
    void theWalkStartsAtTheFamilyDefaultMovedIntoItsBounds() {
        SamplingMode.Walk walk = new SamplingMode.Walk(0.5, 0.01, 0.05, OptionalDouble.empty());

        assertEquals(0.05, walk.start(0.1));
        assertEquals(0.01, walk.start(1e-3));
        assertEquals(0.02, new SamplingMode.Walk(0.5, 0.01, 0.05, OptionalDouble.of(0.02)).start(0.1));
    }

    @Test
    void badValuesAreRefusedNamingTheOption() {
        assertEquals("--lr-min must be below --lr-max, got 1 and 0.5",
                refused(() -> new SamplingMode.Walk(0.5, 1, 0.5, OptionalDouble.empty())));
        assertEquals("--sigma must be a positive number, got NaN",
                refused(() -> new SamplingMode.Walk(Double.NaN, 1e-4, 3, OptionalDouble.empty())));
        assertEquals("--lr-start must lie in [--lr-min, --lr-max] = [0.0001, 3], got 5",
                refused(() -> new SamplingMode.Walk(0.5, 1e-4, 3, OptionalDouble.of(5))));
        assertEquals("--grid needs at least one value", refused(() -> new SamplingMode.Grid(List.of())));
        assertEquals("--grid must be a positive number, got -0.1",
                refused(() -> new SamplingMode.Grid(List.of(0.1, -0.1))));
        assertEquals("--grid lists a value twice: [0.1, 0.1]", refused(() -> new SamplingMode.Grid(List.of(0.1, 0.1))));
        assertEquals("--candidates needs at least one value", refused(() -> new SamplingMode.Oracle(List.of(), 1,
                SamplingMode.Objective.VAL_LOSS, OptionalDouble.empty())));
        assertEquals("--horizon must be >= 1, got 0", refused(() -> new SamplingMode.Oracle(List.of(1.0), 0,
                SamplingMode.Objective.VAL_LOSS, OptionalDouble.empty())));
        assertEquals("unknown objective 'loss'; valid: val_loss, train_loss",
                refused(() -> SamplingMode.Objective.of("loss")));
    }

    @Test
    void objectivesAreReadByTheirWords() {
        assertEquals(SamplingMode.Objective.TRAIN_LOSS, SamplingMode.Objective.of("train_loss"));
        assertEquals(SamplingMode.Objective.VAL_LOSS, SamplingMode.Objective.of("val_loss"));
    }

    @Test
    void theLabellersSpecNamesItsSearchAndItsRangeDefaultsToAFactorTenAroundTheFamilyRate() {
        SamplingMode.Schedules schedules = SamplingMode.Schedules.defaults();

        assertEquals("schedules", schedules.name());
        assertEquals(32, schedules.count());
        assertEquals(4, schedules.knots());
        assertEquals(0.01, schedules.low(0.1), 1e-15);
        assertEquals(1, schedules.high(0.1), 1e-15);
        assertEquals("schedules(count=32,knots=4,lr_min=0.01,lr_max=1)",
                schedules.spec(schedules.low(0.1), schedules.high(0.1), java.util.Optional.empty()));
        assertEquals("schedules(count=32,knots=4,lr_min=0.0001,lr_max=0.01,target_metric=val_accuracy,target=0.85)",
                schedules.spec(1e-4, 1e-2, java.util.Optional.of(new Target(Metric.VAL_ACCURACY, 0.85))));
        SamplingMode.Schedules below = new SamplingMode.Schedules(30, 3, OptionalDouble.empty(), OptionalDouble.of(0.5));
        assertEquals(1e-4, below.low(1e-3), 1e-18);
        assertEquals(0.5, below.high(1e-3));
        assertEquals(true, below.searches());
        assertEquals(false, new SamplingMode.Grid(List.of(0.1)).searches());
    }

    @Test
    void badLabellerValuesAreRefusedNamingTheOptionAndWhatIsValid() {
        assertEquals("--count must be >= 1, got 0",
                refused(() -> new SamplingMode.Schedules(0, 4, OptionalDouble.empty(), OptionalDouble.empty())));
        assertEquals("--knots must be in 1..12, got 13",
                refused(() -> new SamplingMode.Schedules(30, 13, OptionalDouble.empty(), OptionalDouble.empty())));
        assertEquals("--knots must be in 1..12, got 0",
                refused(() -> new SamplingMode.Schedules(30, 0, OptionalDouble.empty(), OptionalDouble.empty())));
        assertEquals("--lr-min must be a positive number, got -1",
                refused(() -> new SamplingMode.Schedules(30, 4, OptionalDouble.of(-1), OptionalDouble.empty())));
        assertEquals("--lr-min must be below --lr-max, got 1 and 0.5",
                refused(() -> new SamplingMode.Schedules(30, 4, OptionalDouble.of(1), OptionalDouble.of(0.5))));
        SamplingMode.Schedules high = new SamplingMode.Schedules(30, 4, OptionalDouble.of(5), OptionalDouble.empty());
        assertEquals("--lr-min must be below --lr-max, got 5 and 1 (the optimizer's default rate is 0.1)",
                refused(() -> high.low(0.1)));
    }
}
