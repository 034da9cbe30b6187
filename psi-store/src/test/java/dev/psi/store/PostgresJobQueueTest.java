package dev.psi.store;

import java.sql.SQLException;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The work queue's contract on a real PostgreSQL server. Run only when {@code PSI_TEST_POSTGRES_URL} names a
 * database the test may create schemas in (see {@link PostgresStoreTest}); each test works in a schema of its
 * own, dropped afterwards.
 */
@EnabledIfEnvironmentVariable(named = "PSI_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresJobQueueTest extends JobQueueContract {

    private ThrowawaySchema schema;

    @Override
    String location() throws SQLException {
        if (schema == null) {
            schema = ThrowawaySchema.create();
        }
        return schema.url();
    }

    @Override
    void dispose() throws SQLException {
        schema.close();
    }
}
