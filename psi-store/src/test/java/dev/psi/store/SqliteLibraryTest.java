package dev.psi.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/** SQLite's native library is extracted once per driver version into Psi's folder, then reused. */
class SqliteLibraryTest {

    @TempDir
    Path dir;

    @Test
    void theLibraryIsTheDriversOwnUnderAVersionedFolder() throws Exception {
        Path library = SqliteLibrary.extractOnce(dir);

        String folder = OSInfo.getNativeLibFolderPathForCurrentOS();
        assertEquals(dir.resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion()).resolve(folder)
                .resolve(System.mapLibraryName("sqlitejdbc")), library);
        try (InputStream in = SqliteLibrary.class.getResourceAsStream(
                "/org/sqlite/native/" + folder + "/" + library.getFileName())) {
            assertArrayEquals(in.readAllBytes(), Files.readAllBytes(library));
        }
    }

    @Test
    void aSecondProcessReusesTheCopyAndLeavesNoOtherFile() throws Exception {
        Path library = SqliteLibrary.extractOnce(dir);
        FileTime written = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(library, written);

        assertEquals(library, SqliteLibrary.extractOnce(dir));

        assertEquals(written, Files.getLastModifiedTime(library));
        try (var files = Files.list(library.getParent())) {
            assertEquals(1, files.count());
        }
    }
}
