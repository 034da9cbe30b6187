package dev.psi.train.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.psi.core.controller.Controller;
import dev.psi.core.result.Recovery;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RollBackPolicyTest {

    /** Rejects every epoch and recovers from every divergence, halving its rate each time unless told not to. */
    private static final class Rejecting implements Controller {
        double rate = 1;
        boolean keepRate;
        int asked;

        @Override
        public double learningRate() {
            return rate;
        }

        @Override
        public boolean rollBack() {
            asked++;
            rate = keepRate ? rate : rate / 2;
            return true;
        }

        @Override
        public boolean recoverFromDivergence() {
            asked++;
            rate /= 2;
            return true;
        }

        @Override
        public Controller copy() {
            return this;
        }
    }

    @Test
    void aRejectedEpochIsRetriedAtMostMaxRetriesTimes() {
        Rejecting controller = new Rejecting();
        RollBackPolicy policy = new RollBackPolicy(true);
        int retries = 0;
        while (true) {
            policy.beforeAttempt(controller);
            Optional<String> retry = policy.afterEpoch(controller);
            if (retry.isEmpty()) {
                break;
            }
            assertEquals(Recovery.REJECTED, retry.get());
            retries++;
        }
        assertEquals(RollBackPolicy.MAX_RETRIES, retries);
        assertEquals(RollBackPolicy.MAX_RETRIES + 1, controller.asked, "asked every epoch, the last one included");
    }

    @Test
    void aRejectionThatKeepsTheRateIsNotRetried() {
        Rejecting controller = new Rejecting();
        controller.keepRate = true;
        RollBackPolicy policy = new RollBackPolicy(true);
        policy.beforeAttempt(controller);
        assertEquals(Optional.empty(), policy.afterEpoch(controller));
    }

    @Test
    void aDivergenceTheControllerRecoversFromIsRetried() {
        Rejecting controller = new Rejecting();
        RollBackPolicy policy = new RollBackPolicy(true);
        policy.beforeAttempt(controller);
        assertEquals(Optional.of(Recovery.DIVERGED), policy.afterDivergence(controller));
        assertEquals(0.5, controller.rate);
    }

    @Test
    void withoutASavedStartNothingIsRetriedAndRecoveryIsNotAsked() {
        Rejecting controller = new Rejecting();
        RollBackPolicy policy = new RollBackPolicy(false);
        policy.beforeAttempt(controller);
        assertEquals(Optional.empty(), policy.afterDivergence(controller));
        assertEquals(0, controller.asked);
        assertEquals(Optional.empty(), policy.afterEpoch(controller));
        assertEquals(1, controller.asked, "rollBack() is still asked, for the controller's bookkeeping");
    }
}
