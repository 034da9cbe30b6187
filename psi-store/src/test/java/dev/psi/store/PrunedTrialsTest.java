package dev.psi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code pruned}, the status of a trial that a search stopped on purpose, and the schema's list of statuses. */
class PrunedTrialsTest {

    @RegisterExtension
    final TempStore temp = new TempStore().task("tiny", "{}").study("halving", "search");

    private Path db;
    private ResultStore store;

    @BeforeEach
    void open() {
        db = temp.file();
        store = temp.store();
    }

    @Test
    void aPrunedTrialIsStoredWithoutAnErrorAndReadBackWithTheEpochsItTrained() {
        long id = store.trials().start(Fixtures.trial("halving", "tiny", "CosineAnnealingLR(lr=0.01,T_max=3)"));
        store.epochs().record(id, new EpochResult(0, 0.01, 2.5, 2.25, 0.5, 10, 1.5));
        store.trials().finish(id, TrialStatus.PRUNED, null, null, 1.75);

        assertEquals(List.of(new TrialSummary(id, "halving", "tiny", "CosineAnnealingLR(lr=0.01,T_max=3)",
                "SGD(momentum=0.9)", 7, TrialStatus.PRUNED, null, null, 3, 1, 0.5, 2.25, 1.75, Fixtures.NOW)),
                store.trials().inStudy("halving"));
    }

    /** TrialStatus and the schema's CHECK constraint list the same statuses. */
    @Test
    void everyStatusATrialCanEndWithIsAcceptedByTheSchema() throws Exception {
        for (TrialStatus status : TrialStatus.values()) {
            if (status != TrialStatus.RUNNING) {
                long id = store.trials().start(Fixtures.trial("halving", "tiny", "Constant(lr=0.1)"));
                store.trials().finish(id, status, null, null, 1);
            }
        }
        store.trials().start(Fixtures.trial("halving", "tiny", "Constant(lr=0.1)"));

        assertEquals(List.of("completed", "diverged", "failed", "pruned", "running"),
                Fixtures.query(db, "SELECT status FROM trials ORDER BY id"));
    }

    @Test
    void theSchemaStillRejectsAStatusItDoesNotKnow() throws Exception {
        long id = store.trials().start(Fixtures.trial("halving", "tiny", "Constant(lr=0.1)"));

        try (var connection = Fixtures.raw(db); var statement = connection.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> statement.execute("UPDATE trials SET status = 'stopped' WHERE id = " + id));

            assertEquals("[SQLITE_CONSTRAINT_CHECK] A CHECK constraint failed (CHECK constraint failed:"
                    + " status IN ('running', 'completed', 'diverged', 'failed', 'pruned'))", e.getMessage());
        }
        assertEquals(List.of("running"), Fixtures.query(db, "SELECT status FROM trials"));
    }
}
