package dev.psi.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The work queue's contract on a real PostgreSQL server. Run only when {@code PSI_TEST_POSTGRES_URL} names a
 * database the test may create schemas in (see {@link PostgresStoreTest}); each test works in a schema of its
 * own, dropped afterwards.
 */
@EnabledIfEnvironmentVariable(named = "PSI_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresJobQueueTest extends JobQueueContract {

    private static final String SERVER = System.getenv("PSI_TEST_POSTGRES_URL");

    private String schema;

    @Override
    String location() throws SQLException {
        if (schema == null) {
            schema = "psi_test_" + Long.toUnsignedString(System.nanoTime(), 36);
            execute("CREATE SCHEMA " + schema);
        }
        return SERVER + (SERVER.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    void dispose() throws SQLException {
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
