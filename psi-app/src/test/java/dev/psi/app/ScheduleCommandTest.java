package dev.psi.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScheduleCommandTest {

    @Test
    void printsOneRatePerTick() {
        Cli result = Cli.run("schedule", "StepLR(lr=0.1,step_size=2,gamma=0.5)", "--steps", "5");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(String.join(System.lineSeparator(), "0.1", "0.1", "0.05", "0.05", "0.025", ""), result.out());
    }

    @Test
    void metricsDrivePlateauReductions() {
        Cli result = Cli.run("schedule", "ReduceLROnPlateau(lr=1,factor=0.5,patience=0)", "--steps", "4",
                "--metrics", "1,2,3");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(String.join(System.lineSeparator(), "1.0", "1.0", "0.5", "0.25", ""), result.out());
    }

    @Test
    void oneCycleInEpochsUsesStepsPerEpoch() {
        Cli result = Cli.run("schedule", "OneCycleLR(max_lr=1,epochs=2)", "--steps", "2", "--steps-per-epoch", "5");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(String.join(System.lineSeparator(), "0.040000000000000036", "0.52", ""), result.out());
    }

    @Test
    void zeroStepsIsOneClearLine() {
        Cli result = Cli.run("schedule", "Constant(lr=0.1)", "--steps", "0");
        assertEquals(2, result.exitCode());
        assertEquals("psi schedule: --steps must be in [1, 100000000], got 0", result.err().strip());
    }

    @Test
    void stepsAboveTheLimitIsOneClearLine() {
        Cli result = Cli.run("schedule", "StepLR(lr=0.1,step_size=1)", "--steps", "2000000000");
        assertEquals(2, result.exitCode());
        assertEquals("", result.out());
        assertEquals("psi schedule: --steps must be in [1, 100000000], got 2000000000", result.err().strip());
    }

    @Test
    void gradientDrivenControllersCannotBeTraced() {
        Cli result = Cli.run("schedule", "SPS()", "--steps", "3");
        assertEquals(2, result.exitCode());
        assertEquals("psi schedule: SPS sets the rate from each batch's loss and gradient, which a trace cannot "
                + "supply: train with it (psi train) to see its rates", result.err().strip());
    }
}
