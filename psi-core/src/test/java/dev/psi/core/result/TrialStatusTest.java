package dev.psi.core.result;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrialStatusTest {

    /** The words are what {@code trials.status} holds; the store's CHECK constraint lists exactly these. */
    @Test
    void theWordsAreTheStoredStatuses() {
        assertEquals(List.of("running", "completed", "diverged", "failed", "pruned"),
                Arrays.stream(TrialStatus.values()).map(TrialStatus::word).toList());
    }
}
