package dev.psi.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code psi runs} and {@code psi export} only read: another application's database and an empty file are
 * refused in one line and left byte for byte as they were.
 */
class ReadOnlyCommandsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"runs", "export"})
    void anotherApplicationsDatabaseIsRefusedAndUnchanged(String command) throws Exception {
        Path db = dir.resolve("app.db");
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE customers (name TEXT)");
            statement.execute("INSERT INTO customers VALUES ('Ada')");
        }
        byte[] before = Files.readAllBytes(db);

        Cli result = run(command, db);

        assertEquals(2, result.exitCode(), result.out() + result.err());
        assertEquals(1, result.errLines().length, result.err());
        assertTrue(result.err().contains("not a Psi database: it has no schema_version table"), result.err());
        assertArrayEquals(before, Files.readAllBytes(db));
    }

    @ParameterizedTest
    @ValueSource(strings = {"runs", "export"})
    void anEmptyFileStaysEmpty(String command) throws Exception {
        Path db = Files.createFile(dir.resolve("empty.db"));

        Cli result = run(command, db);

        assertEquals(2, result.exitCode(), result.out() + result.err());
        assertEquals(1, result.errLines().length, result.err());
        assertEquals(0, Files.size(db));
    }

    private Cli run(String command, Path db) {
        return command.equals("export")
                ? Cli.run("export", "--db", db.toString(), "--out", dir.resolve("csv").toString())
                : Cli.run("runs", "--db", db.toString());
    }
}
