package dev.psi.core.spec;

/**
 * A spec the user wrote is not valid. The message is one line meant for the user: it names the word
 * that is wrong and, where the choices are few, lists the valid ones.
 */
public final class SpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SpecException(String message) {
        super(message);
    }
}
