package dev.psi.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A schema of its own on the PostgreSQL server of the tests, dropped with everything in it afterwards, so that tests
 * sharing one database never see each other's tables. The server is the database that the environment variable
 * {@value #VARIABLE} names ({@code scripts/with-postgres} starts one and sets it); tests that need it are annotated
 * {@code @EnabledIfEnvironmentVariable(named = "PSI_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")}. Shared with
 * the other modules' PostgreSQL tests through psi-store's test jar. Either a new schema for each test:
 *
 * <pre>{@code
 * @RegisterExtension
 * final ThrowawaySchema schema = new ThrowawaySchema();   // schema.url() in the test
 * }</pre>
 *
 * or one made by {@link #create} and dropped by {@link #close}.
 */
public final class ThrowawaySchema implements BeforeEachCallback, AfterEachCallback, AutoCloseable {

    /** The environment variable that names the tests' server: a JDBC URL of a database they may create schemas in. */
    public static final String VARIABLE = "PSI_TEST_POSTGRES_URL";

    private String server;
    private String name;

    /** Creates a new schema, named {@code psi_test_…} after the clock, on the server of {@value #VARIABLE}. */
    public static ThrowawaySchema create() throws SQLException {
        ThrowawaySchema schema = new ThrowawaySchema();
        schema.open();
        return schema;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        open();
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        close();
    }

    private void open() throws SQLException {
        server = System.getenv(VARIABLE);
        if (server == null) {
            throw new IllegalStateException(VARIABLE + " is not set: run the test with scripts/with-postgres");
        }
        name = "psi_test_" + Long.toUnsignedString(System.nanoTime(), 36);
        execute("CREATE SCHEMA " + name);
    }

    /** The store URL whose tables live in this schema. */
    public String url() {
        return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    /** Runs {@code sql} on the server, outside the schema. */
    public void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Drops the schema and everything in it. */
    @Override
    public void close() throws SQLException {
        execute("DROP SCHEMA " + name + " CASCADE");
    }
}
