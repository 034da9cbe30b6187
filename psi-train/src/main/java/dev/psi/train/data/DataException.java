package dev.psi.train.data;

/**
 * Data could not be loaded: a file is missing, truncated or malformed, or a value in it is not valid.
 *
 * <p>The message is one line meant for the user, not for a developer: it names the file (and where
 * useful the line, column or value) and says what is wrong and what would be valid. Callers show it
 * as it is, without a stack trace.
 */
public final class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    /** Keeps the cause for debugging; the message alone must still be enough for the user. */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
