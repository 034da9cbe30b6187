package dev.psi.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locations that cannot hold a results database fail with one clear line and change nothing. */
class OpeningTest {

    @TempDir
    Path dir;

    @Test
    void aMissingDirectoryIsNamedAndNothingIsCreated() {
        Path missing = dir.resolve("no-such-dir");
        Path db = missing.resolve("psi.db");

        StoreException e = assertThrows(StoreException.class, () -> ResultStore.open(db.toString()));

        assertEquals("Cannot open results database " + db + ": directory " + missing + " does not exist",
                e.getMessage());
        assertFalse(Files.exists(missing));
    }

    @Test
    void aDirectoryIsNotADatabase() {
        StoreException e = assertThrows(StoreException.class, () -> ResultStore.open(dir.toString()));

        assertEquals("Cannot open results database " + dir + ": it is a directory", e.getMessage());
    }

    @Test
    void aFileInPlaceOfTheDirectoryIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "notes");
        Path db = file.resolve("psi.db");

        StoreException e = assertThrows(StoreException.class, () -> ResultStore.open(db.toString()));

        assertEquals("Cannot open results database " + db + ": " + file + " is not a directory", e.getMessage());
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedAndLeftUnchanged() throws Exception {
        byte[] text = "epoch,loss\n0,2.3\n".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("results.csv"), text);

        StoreException e = assertThrows(StoreException.class, () -> ResultStore.open(file.toString()));

        assertEquals("Cannot open results database " + file + ": not a SQLite database", e.getMessage());
        assertArrayEquals(text, Files.readAllBytes(file));
        assertEquals(List.of(file), Files.list(dir).toList());
    }

    @Test
    void aCorruptDatabaseFailsWithOneLineAndIsLeftUnchanged() throws Exception {
        byte[] bytes = new byte[4096];
        byte[] header = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, bytes, 0, header.length);
        Arrays.fill(bytes, header.length, bytes.length, (byte) 0x5a);
        Path file = Files.write(dir.resolve("psi.db"), bytes);

        StoreException e = assertThrows(StoreException.class, () -> ResultStore.open(file.toString()));

        assertTrue(e.getMessage().startsWith("Cannot open results database " + file + ": "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(file));
    }

    @Test
    void anotherDatabaseUrlIsRefused() {
        StoreException e = assertThrows(StoreException.class, () -> ResultStore.open("jdbc:mysql://db/psi"));

        assertEquals("Unsupported results database jdbc:mysql://db/psi: use a file path (SQLite),"
                + " jdbc:sqlite:PATH or jdbc:postgresql://HOST/DATABASE", e.getMessage());
    }

    @Test
    void anInMemorySqliteUrlIsRefused() {
        StoreException e = assertThrows(StoreException.class, () -> ResultStore.open("jdbc:sqlite::memory:"));

        assertEquals("Unsupported results database jdbc:sqlite::memory:"
                + " (SQLite stores must be a plain file path, e.g. jdbc:sqlite:psi.db)", e.getMessage());
    }

    @Test
    void aSqliteUrlOpensItsFile() throws Exception {
        Path db = dir.resolve("psi.db");

        ResultStore.open("jdbc:sqlite:" + db, Fixtures.CLOCK).close();

        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"),
                Fixtures.query(db, "SELECT version FROM schema_version ORDER BY version"));
    }

    @Test
    void anUnreachableServerIsOneLineWithoutThePassword() {
        String url = "jdbc:postgresql://127.0.0.1:1/psi?user=psi&password=secret&connectTimeout=2";

        StoreException e = assertThrows(StoreException.class, () -> ResultStore.open(url));

        assertTrue(e.getMessage().startsWith("Cannot open results database"
                + " jdbc:postgresql://127.0.0.1:1/psi?user=psi&password=***&connectTimeout=2: "), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
