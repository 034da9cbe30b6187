package dev.psi.store;

/**
 * A results store operation failed.
 *
 * <p>The message is one line that names the database (or file) and says what is wrong, fit to show a
 * user as is; the driver's exception, when there is one, is kept as the cause for a stack trace.
 */
public final class StoreException extends RuntimeException {

    StoreException(String message) {
        super(message);
    }

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
