package dev.psi.lab.work;

/** A study's job ended failed, or its workers could not run it; the message is one line saying which and why. */
public final class JobFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JobFailedException(String message) {
        super(message);
    }
}
