package dev.psi.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The {@code files} table: the files a study's jobs need (fitted Ψ models, task spec files and the data files
 * they name), so that a worker needs the store and nothing else (DESIGN.md: "A job carries what it needs through
 * the store; no shared file system"). Content-addressed: a file is stored once under the SHA-256 of its bytes,
 * compressed with gzip, and never changed; reading it back checks the hash again, so a damaged row is an error,
 * never wrong data. Obtained from {@link ResultStore#files()}; its calls run one at a time with the store's.
 */
public final class FileStore {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final ResultStore store;
    private final Connection connection;
    private final Clock clock;

    FileStore(ResultStore store, Connection connection, Clock clock) {
        this.store = store;
        this.connection = connection;
        this.clock = clock;
    }

    /** The SHA-256 of {@code content} as 64 lowercase hex digits: the key {@link #put} stores it under. */
    public static String hash(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Whether {@code hash} has the form of a {@link #hash}: 64 lowercase hex digits. */
    public static boolean isHash(String hash) {
        return hash != null && HASH.matcher(hash).matches();
    }

    /**
     * Stores {@code content} unless a file of the same hash is stored already, committed before this returns.
     *
     * @return its hash, the key to {@link #get} it by
     */
    public String put(byte[] content) {
        Objects.requireNonNull(content, "content");
        String hash = hash(content);
        synchronized (store) {
            // ON CONFLICT DO NOTHING: two processes storing the same file at once both succeed, one row stays.
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO files (hash, size, content, stored_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (hash) DO NOTHING""")) {
                insert.setString(1, hash);
                insert.setLong(2, content.length);
                insert.setBytes(3, gzip(content));
                insert.setString(4, Jdbc.timestamp(clock.instant()));
                insert.executeUpdate();
            } catch (SQLException e) {
                throw store.failure("store file " + hash, e);
            }
        }
        return hash;
    }

    /**
     * The content of the file stored under {@code hash}, if there is one.
     *
     * @throws StoreException if the stored row does not hold what its hash says (damaged, or not gzip)
     */
    public Optional<byte[]> get(String hash) {
        if (!isHash(hash)) {
            throw new IllegalArgumentException("a file's hash is 64 lowercase hex digits (SHA-256), got '" + hash + "'");
        }
        long size;
        byte[] compressed;
        synchronized (store) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT size, content FROM files WHERE hash = ?")) {
                select.setString(1, hash);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    size = row.getLong(1);
                    compressed = row.getBytes(2);
                }
            } catch (SQLException e) {
                throw store.failure("read file " + hash, e);
            }
        }
        byte[] content;
        try {
            content = gunzip(compressed);
        } catch (IOException e) {
            throw store.failure("read file " + hash, "its stored content is not gzip data (" + e.getMessage() + ")");
        }
        String actual = hash(content);
        if (!actual.equals(hash) || content.length != size) {
            throw store.failure("read file " + hash, "the stored content is damaged: its " + content.length
                    + " bytes have SHA-256 " + actual + " (stored size " + size + ")");
        }
        return Optional.of(content);
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(content.length / 4 + 64);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen in memory", e);
        }
        return bytes.toByteArray();
    }

    private static byte[] gunzip(byte[] compressed) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }
}
