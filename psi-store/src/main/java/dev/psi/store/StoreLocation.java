package dev.psi.store;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a results database lives, parsed from the user's {@code --db} value.
 *
 * @param dialect which database it is
 * @param url JDBC URL to connect with
 * @param file the SQLite file, or {@code null} for PostgreSQL
 * @param display how messages name it: the path as given, or the URL with any password masked
 */
record StoreLocation(Dialect dialect, String url, Path file, String display) {

    private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";
    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    StoreLocation {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(display, "display");
    }

    /**
     * Parses a file path, a {@code jdbc:sqlite:PATH} URL or a {@code jdbc:postgresql:} URL.
     *
     * @throws StoreException if the location is blank, names another database, or is not a valid path
     */
    static StoreLocation parse(String location) {
        Objects.requireNonNull(location, "location");
        if (location.isBlank()) {
            throw new StoreException(
                    "No results database given: pass a file path such as psi.db or a jdbc:postgresql: URL");
        }
        if (location.startsWith(POSTGRESQL_PREFIX)) {
            return new StoreLocation(
                    Dialect.POSTGRESQL, location, null, PASSWORD.matcher(location).replaceAll("$1***"));
        }
        String path = location;
        if (location.startsWith(SQLITE_PREFIX)) {
            path = location.substring(SQLITE_PREFIX.length());
            // Results must outlive the process, and URI forms would bypass the file checks made before opening.
            if (path.isEmpty() || path.startsWith(":") || path.startsWith("file:")) {
                throw new StoreException("Unsupported results database " + location
                        + " (SQLite stores must be a plain file path, e.g. jdbc:sqlite:psi.db)");
            }
        } else if (location.startsWith("jdbc:")) {
            throw new StoreException("Unsupported results database " + location
                    + ": use a file path (SQLite), jdbc:sqlite:PATH or jdbc:postgresql://HOST/DATABASE");
        }
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            throw new StoreException("Cannot open results database " + location + ": invalid path (" + e.getReason()
                    + ")", e);
        }
        return new StoreLocation(Dialect.SQLITE, SQLITE_PREFIX + file.toAbsolutePath(), file, path);
    }
}
