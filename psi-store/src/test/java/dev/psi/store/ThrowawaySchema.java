package dev.psi.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A schema of its own on the PostgreSQL server of the tests, dropped with everything in it on {@link #close}, so that
 * tests sharing one database never see each other's tables. The server is the database that the environment
 * variable {@value #VARIABLE} names ({@code scripts/with-postgres} starts one and sets it); tests that need it are
 * annotated {@code @EnabledIfEnvironmentVariable(named = "PSI_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")}.
 * Shared with the other modules' PostgreSQL tests through psi-store's test jar.
 */
public final class ThrowawaySchema implements AutoCloseable {

    /** The environment variable that names the tests' server: a JDBC URL of a database they may create schemas in. */
    public static final String VARIABLE = "PSI_TEST_POSTGRES_URL";

    private final String server;
    private final String name;

    private ThrowawaySchema(String server, String name) {
        this.server = server;
        this.name = name;
    }

    /** Creates a new schema, named {@code psi_test_…} after the clock, on the server of {@value #VARIABLE}. */
    public static ThrowawaySchema create() throws SQLException {
        String server = System.getenv(VARIABLE);
        if (server == null) {
            throw new IllegalStateException(VARIABLE + " is not set: run the test with scripts/with-postgres");
        }
        ThrowawaySchema schema = new ThrowawaySchema(server, "psi_test_" + Long.toUnsignedString(System.nanoTime(), 36));
        schema.execute("CREATE SCHEMA " + schema.name);
        return schema;
    }

    /** The server's URL, without the schema: for statements outside it. */
    public String server() {
        return server;
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
