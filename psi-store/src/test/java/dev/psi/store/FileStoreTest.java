package dev.psi.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FileStoreTest {

    /** {@code sha256sum} of the 6 bytes {@code hello\n}. */
    static final String HELLO = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";

    @RegisterExtension
    final TempStore temp = new TempStore();

    @Test
    void aFileIsStoredUnderItsSha256AndReadBack() {
        byte[] hello = "hello\n".getBytes(StandardCharsets.US_ASCII);

        assertEquals(HELLO, temp.store().files().put(hello));
        assertArrayEquals(hello, temp.store().files().get(HELLO).orElseThrow());
        assertEquals(Optional.empty(), temp.store().files().get("0".repeat(64)));
    }

    @Test
    void theSameContentTwiceIsOneRow() throws Exception {
        temp.store().files().put("hello\n".getBytes(StandardCharsets.US_ASCII));
        temp.store().files().put("hello\n".getBytes(StandardCharsets.US_ASCII));

        assertEquals(List.of(HELLO + "|6|2025-01-02T03:04:05.678Z"),
                Fixtures.query(temp.file(), "SELECT hash, size, stored_at FROM files"));
    }

    @Test
    void contentIsStoredCompressed() throws Exception {
        byte[] zeros = new byte[100_000];
        String hash = temp.store().files().put(zeros);

        assertEquals(List.of("100000"), Fixtures.query(temp.file(), "SELECT size FROM files"));
        assertTrue(Integer.parseInt(Fixtures.query(temp.file(), "SELECT length(content) FROM files").get(0)) < 1000);
        assertArrayEquals(zeros, temp.store().files().get(hash).orElseThrow());
    }

    @Test
    void contentThatDoesNotMatchItsHashIsRefused() throws Exception {
        temp.store().files().put("hello\n".getBytes(StandardCharsets.US_ASCII));
        try (Connection connection = Fixtures.raw(temp.file());
             PreparedStatement update = connection.prepareStatement("UPDATE files SET content = ?")) {
            update.setBytes(1, gzip("jello\n".getBytes(StandardCharsets.US_ASCII)));
            update.executeUpdate();
        }

        StoreException e = assertThrows(StoreException.class, () -> temp.store().files().get(HELLO));
        assertEquals("Cannot read file " + HELLO + " in " + temp.store().location() + ": the stored content is"
                + " damaged: its 6 bytes have SHA-256 "
                + FileStore.hash("jello\n".getBytes(StandardCharsets.US_ASCII)) + " (stored size 6)", e.getMessage());
    }

    @Test
    void contentThatIsNotGzipIsRefused() throws Exception {
        temp.store().files().put("hello\n".getBytes(StandardCharsets.US_ASCII));
        try (Connection connection = Fixtures.raw(temp.file());
             PreparedStatement update = connection.prepareStatement("UPDATE files SET content = ?")) {
            update.setBytes(1, "hello\n".getBytes(StandardCharsets.US_ASCII));
            update.executeUpdate();
        }

        StoreException e = assertThrows(StoreException.class, () -> temp.store().files().get(HELLO));
        assertEquals("Cannot read file " + HELLO + " in " + temp.store().location()
                + ": its stored content is not gzip data (Not in GZIP format)", e.getMessage());
    }

    @Test
    void aHashMustBe64LowercaseHexDigits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> temp.store().files().get("ABC"));
        assertEquals("a file's hash is 64 lowercase hex digits (SHA-256), got 'ABC'", e.getMessage());
        assertTrue(FileStore.isHash(HELLO));
    }

    static byte[] gzip(byte[] content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }
}
