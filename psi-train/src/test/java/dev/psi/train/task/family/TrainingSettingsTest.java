package dev.psi.train.task.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainingSettingsTest {

    @Test
    void drawsEveryOptimizerAndBatchWithinTheBudget() {
        Set<TrainingSettings.OptimizerKind> optimizers = EnumSet.noneOf(TrainingSettings.OptimizerKind.class);
        Set<Integer> batches = new HashSet<>();
        Set<Integer> epochs = new HashSet<>();
        Random random = new Random(1);
        for (int i = 0; i < 2000; i++) {
            int train = 1000 * (1 + i % 4);
            TrainingSettings settings = TrainingSettings.draw(random, train);
            optimizers.add(settings.optimizer());
            batches.add(settings.batchSize());
            epochs.add(settings.epochs());
            assertTrue(settings.epochs() >= 4 && settings.epochs() <= 30, settings.toString());
            int steps = settings.epochs() * ((train + settings.batchSize() - 1) / settings.batchSize());
            assertTrue(steps <= TrainingSettings.MAX_STEPS || settings.epochs() == 4, settings + " on " + train);
        }
        assertEquals(EnumSet.allOf(TrainingSettings.OptimizerKind.class), optimizers);
        assertEquals(Set.copyOf(TrainingSettings.BATCH_SIZES), batches);
        assertTrue(epochs.contains(4) && epochs.contains(30), epochs.toString());
    }

    @Test
    void withoutATrainingSizeOnlyTheEpochRangeLimits() {
        Random random = new Random(2);
        for (int i = 0; i < 200; i++) {
            int epochs = TrainingSettings.draw(random, 0).epochs();
            assertTrue(epochs >= 4 && epochs <= 30);
        }
    }

    @Test
    void tokensNameTheOptimizerBatchAndEpochs() {
        assertEquals("sgdm-b64-e12", new TrainingSettings(TrainingSettings.OptimizerKind.SGD_MOMENTUM, 64, 12).token());
        assertEquals("SGD(momentum=0.9)", TrainingSettings.OptimizerKind.SGD_MOMENTUM.spec().toString());
        assertEquals("Adam", TrainingSettings.OptimizerKind.ADAM.spec().name());
    }
}
