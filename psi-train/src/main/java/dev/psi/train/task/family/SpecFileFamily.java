package dev.psi.train.task.family;

import dev.psi.core.spec.Echo;
import dev.psi.core.spec.SpecException;
import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.TaskSpecReader;
import java.nio.file.Path;
import java.util.Random;

/**
 * The tasks of a user's task spec file (CSV, IDX or any other format) that differ only in how they are trained:
 * the data, model and target stay the spec's, and each seed draws the optimizer, batch size and epoch budget as
 * every family does ({@link TrainingSettings}).
 *
 * <p>Names: {@code <spec name>-<opt>-b<batch>-e<epochs>}, e.g. {@code digits-mlp-adam-b32-e12}. A name cannot
 * hold the file, so a worker process gets the task's {@link #source}: the spec file's absolute path, {@code #},
 * and the settings ({@code /data/digits.yaml#adam-b32-e12}), which {@link dev.psi.train.task.Tasks#resolve}
 * reads back.
 */
public final class SpecFileFamily implements TaskFamily {

    private static final String FORM = "<spec name>-<opt>-b<batch>-e<epochs>";

    private final Path file;
    private final TaskSpec base;

    private SpecFileFamily(Path file, TaskSpec base) {
        this.file = file;
        this.base = base;
    }

    /**
     * The family of the spec in {@code file}, read now so that a bad spec fails here.
     *
     * @throws SpecException if the spec is not valid
     * @throws dev.psi.train.data.DataException if the file is missing or cannot be read
     */
    public static SpecFileFamily of(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return new SpecFileFamily(absolute, TaskSpecReader.read(file));
    }

    /**
     * The task a source of the form {@code FILE#<opt>-b<batch>-e<epochs>} describes.
     *
     * @throws SpecException if the settings are malformed or the spec is not valid
     */
    public static TaskSpec resolveSource(String source) {
        int hash = source.lastIndexOf('#');
        if (hash < 1) {
            throw new SpecException("task source " + Echo.quote(source) + " is not of the form FILE#" + FORM.substring(
                    FORM.indexOf('>') + 2));
        }
        SpecFileFamily family = of(Path.of(source.substring(0, hash)));
        return family.resolve(family.base.name() + "-" + source.substring(hash + 1));
    }

    /** The spec file, absolute. */
    public Path file() {
        return file;
    }

    /** The spec's task name. */
    @Override
    public String name() {
        return base.name();
    }

    @Override
    public String prefix() {
        return base.name();
    }

    @Override
    public String ranges() {
        return "the data, model and target of " + file.getFileName() + "; optimizer sgd, sgdm, adam; batch 16-512; "
                + "epochs 4-30";
    }

    @Override
    public TaskSpec generate(long seed) {
        Random random = Draws.random("spec:" + base.name(), seed);
        int trainSize = base.shape().map(shape -> shape.trainCount()).orElse(0);
        return task(TrainingSettings.draw(random, trainSize));
    }

    @Override
    public TaskSpec resolve(String taskName) {
        return Canonical.task(taskName, () -> {
            NameReader reader = new NameReader(taskName, base.name(), FORM);
            TrainingSettings training = reader.training();
            reader.end();
            return task(training);
        });
    }

    /** {@code FILE#<opt>-b<batch>-e<epochs>}, with the file's absolute path. */
    @Override
    public String source(TaskSpec task) {
        return file + "#" + task.name().substring(base.name().length() + 1);
    }

    /** Families of the same spec file are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SpecFileFamily that && file.equals(that.file) && base.equals(that.base);
    }

    @Override
    public int hashCode() {
        return file.hashCode();
    }

    @Override
    public String toString() {
        return "SpecFileFamily[" + file + "]";
    }

    private TaskSpec task(TrainingSettings training) {
        return new TaskSpec(base.name() + "-" + training.token(), base.description() + "; " + training.token(),
                base.data(), base.model(), training.optimizer().spec(), training.batchSize(), training.epochs(),
                base.target(), base.evalEvery());
    }
}
