package dev.psi.lab.study;

import dev.psi.core.result.EpochResult;
import dev.psi.core.spec.Spec;
import dev.psi.lab.search.Point;
import dev.psi.lab.search.ScheduleFamily;
import dev.psi.lab.work.TrialJob;
import dev.psi.store.FileFailures;
import dev.psi.store.ResultStore;
import dev.psi.train.optim.Optimizers;
import dev.psi.train.task.TaskSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures what an epoch of each task of a plan takes here, for {@link StudyOutline}'s estimate: one trial of
 * {@value #EPOCHS} epochs per task at its optimizer's standard rate, at the plan's training size, in this
 * process, stored in a scratch database that is deleted after, so that a dry run leaves the user's store as it
 * was. The estimate is the probe's last epoch, once the first has paid the JIT's and the caches' warm-up.
 */
public final class EpochProbe {

    private static final int EPOCHS = 2;

    private EpochProbe() {
    }

    /** Seconds per epoch by task name, over the training and held-out tasks of {@code plan}. */
    public static Map<String, Double> secondsPerEpoch(StudyPlan plan) {
        List<TaskSpec> tasks = new ArrayList<>(plan.trainingTasks());
        tasks.addAll(plan.heldOutTasks());
        Map<String, Integer> sizes = Study.trainSizes(plan, tasks);
        Map<String, Double> seconds = new LinkedHashMap<>();
        Path folder = null;
        try {
            folder = Files.createTempDirectory("psi-probe");
            try (ResultStore store = ResultStore.open(folder.resolve("probe.db").toString())) {
                for (TaskSpec task : tasks) {
                    Spec rate = Spec.parse(ScheduleFamily.CONSTANT.spec(
                            Point.rateText(Optimizers.defaultLearningRate(task.optimizer())), EPOCHS));
                    TrialJob probe = TrialJob.of("probe", "probe", plan.source(task), rate, task.optimizer(),
                            plan.tuningSeeds().get(0), EPOCHS, sizes.get(task.name()), "probe");
                    probe.run(store);
                    List<EpochResult> epochs = probe.find(store).orElseThrow().curve().epochs();
                    seconds.put(task.name(), epochs.isEmpty() ? Double.NaN
                            : epochs.get(epochs.size() - 1).wallSeconds());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch folder for the probe: " + FileFailures.describe(e), e);
        } finally {
            delete(folder);
        }
        return seconds;
    }

    private static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A scratch folder left in the temporary directory harms nothing.
        }
    }
}
