package dev.psi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Version 5 on PostgreSQL, which replaces the CHECK constraint of {@code trials.status} in place; run only when
 * {@code PSI_TEST_POSTGRES_URL} names a database the test may create schemas in (see {@link PostgresStoreTest}).
 */
@EnabledIfEnvironmentVariable(named = "PSI_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresPrunedStatusTest {

    @RegisterExtension
    final ThrowawaySchema schema = new ThrowawaySchema();

    @Test
    void aVersion4DatabaseKeepsItsTrialsAndAcceptsPrunedOnes() throws Exception {
        try (Connection connection = DriverManager.getConnection(schema.url());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
                    + " applied_at TEXT NOT NULL)");
            List<String> scripts = Migrations.scripts(Dialect.POSTGRESQL);
            for (int version = 1; version <= 4; version++) {
                for (String sql : script(scripts.get(version - 1)).split(";\\s*\\n")) {
                    statement.execute(sql);
                }
                statement.execute("INSERT INTO schema_version VALUES (" + version + ", 'v" + version + "', 'then')");
            }
            statement.execute("INSERT INTO tasks (name, spec, created_at) VALUES ('tiny', '{}', 'then')");
            statement.execute("INSERT INTO trials (task_id, controller, optimizer, seed, epochs, batch_size, status,"
                    + " started_at, error) VALUES (1, 'Constant(lr=0.01)', 'SGD', 1, 3, 8, 'failed',"
                    + " '2025-01-01T00:00:00Z', 'stopped by the search after 1 epochs')");
            statement.execute("INSERT INTO epochs (trial_id, epoch, steps) VALUES (1, 0, 10)");
        }

        long pruned;
        try (ResultStore store = ResultStore.open(schema.url(), Fixtures.CLOCK)) {
            pruned = store.trials().start(Fixtures.trial(null, "tiny", "Constant(lr=0.1)"));
            store.epochs().record(pruned, new EpochResult(0, 0.1, 2.5, 2.25, 0.5, 10, 1.5));
            store.trials().finish(pruned, TrialStatus.PRUNED, null, null, 1.75);

            assertEquals(List.of(TrialStatus.FAILED, TrialStatus.PRUNED),
                    store.trials().all().stream().map(TrialSummary::status).toList());
        }
        assertEquals(2, pruned);
        try (Connection connection = DriverManager.getConnection(schema.url());
             Statement statement = connection.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> statement.execute("UPDATE trials SET status = 'stopped' WHERE id = 1"));

            assertEquals("ERROR: new row for relation \"trials\" violates check constraint \"trials_status_check\"",
                    e.getMessage().lines().findFirst().orElseThrow());
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"),
                    Fixtures.query(connection, "SELECT version FROM schema_version ORDER BY version"));
        }
    }

    private static String script(String name) throws IOException {
        try (var in = Migrations.class.getResourceAsStream("migration/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${id}", Dialect.POSTGRESQL.identityColumn());
        }
    }
}
