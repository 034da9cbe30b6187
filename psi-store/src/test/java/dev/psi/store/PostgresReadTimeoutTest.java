package dev.psi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A read-only PostgreSQL connection gives up on a server that does not answer, instead of waiting for hours; a
 * writer's waits as long as a transaction may.
 */
@EnabledIfEnvironmentVariable(named = "PSI_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresReadTimeoutTest {

    @RegisterExtension
    final ThrowawaySchema schema = new ThrowawaySchema();

    private Connection reader(String urlParameters) {
        return Connections.openSnapshotReader(StoreLocation.parse(schema.url() + urlParameters));
    }

    @Test
    void aReaderWaitsAtMostTheReadTimeout() throws SQLException {
        try (Connection reader = reader("")) {
            assertEquals(Connections.READ_TIMEOUT_SECONDS * 1000, reader.getNetworkTimeout());
        }
    }

    @Test
    void aSocketTimeoutInTheUrlIsKept() throws SQLException {
        try (Connection reader = reader("&socketTimeout=1")) {
            assertEquals(1000, reader.getNetworkTimeout());
            try (Statement statement = reader.createStatement()) {
                // A server that answers later than the timeout is one that does not answer.
                assertThrows(SQLException.class, () -> statement.execute("SELECT pg_sleep(3)"));
            }
        }
    }

    @Test
    void aSocketTimeoutOfZeroInTheUrlTurnsItOff() throws SQLException {
        try (Connection reader = reader("&socketTimeout=0")) {
            assertEquals(0, reader.getNetworkTimeout());
        }
    }

    @Test
    void aWriterHasNoReadTimeout() throws SQLException {
        try (Connection writer = Connections.openWriter(StoreLocation.parse(schema.url()))) {
            assertEquals(0, writer.getNetworkTimeout());
        }
    }
}
