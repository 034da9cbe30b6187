package dev.psi.lab.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Finding an executor by name: psi-lab alone has none but the local one, which is no service. */
class WorkerExecutorTest {

    @Test
    void anExecutorNotOnTheClassPathIsOneLineNamingTheValidOnes() {
        assertEquals("executor 'ray' is not on the class path; valid: local",
                assertThrows(IllegalArgumentException.class, () -> WorkerExecutor.named("ray")).getMessage());
    }

    @Test
    void sparkMissingSaysHowToGetIt() {
        assertEquals("executor 'spark' is not on the class path (the ./psi launcher adds psi-spark's class path when "
                + "a command names --executor spark; see README, \"Spark\"); valid: local",
                assertThrows(IllegalArgumentException.class, () -> WorkerExecutor.named("spark")).getMessage());
    }
}
