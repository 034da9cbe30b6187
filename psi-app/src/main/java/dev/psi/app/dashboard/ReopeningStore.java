package dev.psi.app.dashboard;

import dev.psi.store.ResultStore;
import dev.psi.store.StoreException;
import java.util.function.Function;

/**
 * The dashboard's store, opened read-only and opened again when its connection is lost: a dashboard runs for days,
 * and a PostgreSQL server restarts (an upgrade, a fail-over) or a network drops an idle connection in that time.
 * A store's connection never recovers from that, so without this every page would answer 503 until the dashboard
 * itself was restarted.
 *
 * <p>A read that fails while the connection still answers failed for another reason and fails as it is; one that
 * fails on a lost connection is tried once more on a new one. If the server is still down, that fails too, and the
 * next read tries again. Reads may come from several threads at once, as a store's reads may.
 */
final class ReopeningStore implements AutoCloseable {

    private final String location;
    private ResultStore current;

    private ReopeningStore(String location, ResultStore current) {
        this.location = location;
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
        return current().location();
    }

    private synchronized ResultStore current() {
        return current;
    }

    /** Replaces {@code lost} by a new store, unless another thread did already. */
    private synchronized ResultStore reopen(ResultStore lost) {
        if (current == lost) {
            current = ResultStore.openReadOnly(location);
            try {
                lost.close();
            } catch (StoreException e) {
                // The connection is gone already: nothing is left to close.
            }
        }
        return current;
    }

    @Override
    public synchronized void close() {
        current.close();
    }
}
