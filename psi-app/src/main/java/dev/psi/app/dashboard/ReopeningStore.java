package dev.psi.app.dashboard;

import dev.psi.store.ResultStore;
import dev.psi.store.StoreException;
import java.util.function.Function;

/**
 * The dashboard's store, opened read-only and opened again when its connection is lost: a dashboard runs for days,
 * and a PostgreSQL server restarts (an upgrade, a fail-over) in that time. A store's connection never recovers from
 * that, so without this every page would answer 503 until the dashboard itself was restarted.
 *
 * <p>A read that fails while the connection still answers failed for another reason and fails as it is; one that
 * fails on a lost connection is tried once more on a new one. If the server is still down, that fails too, and for
 * the next {@value #RETRY_AFTER_MILLIS} ms reads fail at once instead of each waiting for a connection attempt of
 * its own; after that the next read tries again. Reads may come from several threads at once, as a store's reads
 * may. Once closed, it opens nothing again.
 */
final class ReopeningStore implements AutoCloseable {

    /** How long after a failed attempt to open the store again reads fail without another attempt. */
    static final long RETRY_AFTER_MILLIS = 2000;

    private final String location;
    private final String display;
    private ResultStore current;
    private StoreException lastFailure;
    private long failedAt;
    private boolean closed;

    private ReopeningStore(String location, ResultStore current) {
        this.location = location;
        this.display = current.location();
        this.current = current;
    }

    /**
     * Opens the store at {@code location} read-only.
     *
     * @throws StoreException if it cannot be opened read-only
     */
    static ReopeningStore open(String location) {
        return new ReopeningStore(location, ResultStore.openReadOnly(location));
    }

    /** What {@code query} reads from the store, on a new connection if the one it used was lost. */
    <T> T read(Function<ResultStore, T> query) {
        ResultStore used = current();
        try {
            return query.apply(used);
        } catch (StoreException e) {
            if (used.connected()) {
                throw e;
            }
            return query.apply(reopen(used));
        }
    }

    /** The store's location as messages name it (a URL's password masked). */
    String location() {
        return display;
    }

    private synchronized ResultStore current() {
        return current;
    }

    /**
     * Replaces {@code lost} by a new store, unless another thread did already, the last attempt failed less than
     * {@value #RETRY_AFTER_MILLIS} ms ago, or the store is closed.
     */
    private synchronized ResultStore reopen(ResultStore lost) {
        if (closed) {
            throw new IllegalStateException("the dashboard's store " + display + " is closed");
        }
        if (current != lost) {
            return current;
        }
        if (lastFailure != null && System.currentTimeMillis() - failedAt < RETRY_AFTER_MILLIS) {
            // The same failure again, message and all: it says why the store cannot be read.
            throw lastFailure;
        }
        try {
            current = ResultStore.openReadOnly(location);
            lastFailure = null;
        } catch (StoreException e) {
            lastFailure = e;
            failedAt = System.currentTimeMillis();
            throw e;
        }
        try {
            lost.close();
        } catch (StoreException e) {
            // The connection is gone already: nothing is left to close.
        }
        return current;
    }

    @Override
    public synchronized void close() {
        closed = true;
        current.close();
    }
}
