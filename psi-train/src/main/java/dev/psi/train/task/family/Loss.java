package dev.psi.train.task.family;

/**
 * The loss a generated task trains with. The engine chooses it from the data, not from the task: classification
 * data (classes {@code >= 2}) trains with cross-entropy on the logits, regression data with the mean squared
 * error. A family therefore varies the loss by varying the kind of targets it generates (the teacher-student
 * family makes both); squared error on one-hot class targets is not something the engine offers.
 */
public enum Loss {
    /** Cross-entropy of the logits against class labels ({@code nn.CrossEntropyLoss}). */
    CROSS_ENTROPY("ce"),
    /** Mean squared error against real targets ({@code nn.MSELoss}). */
    SQUARED_ERROR("se");

    private final String token;

    Loss(String token) {
        this.token = token;
    }

    /** The word in task names and listings: {@code ce} or {@code se}. */
    public String token() {
        return token;
    }

    /** The loss of data with {@code numClasses} classes (0 for regression), as the engine chooses it. */
    public static Loss of(int numClasses) {
        return numClasses > 0 ? CROSS_ENTROPY : SQUARED_ERROR;
    }

    static Loss of(String token) {
        return token.equals(CROSS_ENTROPY.token) ? CROSS_ENTROPY : SQUARED_ERROR;
    }
}
