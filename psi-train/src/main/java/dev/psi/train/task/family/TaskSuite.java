package dev.psi.train.task.family;

import dev.psi.core.spec.SpecException;
import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.Tasks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A named list of tasks for a study: some drawn from families ({@link Generated}), some named one by one
 * ({@link Listed}). Built in ({@link TaskSuites}) or read from a suite file ({@link TaskSuiteReader}).
 *
 * <p>Expanding a suite ({@link #tasks}) is deterministic: a generated member draws its family's tasks from seeds
 * {@code firstSeed}, {@code firstSeed + 1}, ..., and skips a seed whose task is already in the suite (two seeds
 * may draw the same Fashion-MNIST task), so it always adds {@code count} different tasks.
 *
 * @param name the suite's name
 * @param description one line for listings
 * @param members what the suite is made of, in order
 */
public record TaskSuite(String name, String description, List<Member> members) {

    /** The most seeds a generated member tries for each task it adds before it gives up. */
    static final int TRIES_PER_TASK = 20;

    /** A part of a suite. */
    public sealed interface Member permits Generated, Listed {
    }

    /**
     * {@code count} tasks of {@code family}, drawn from seeds starting at {@code firstSeed}.
     *
     * @param family the family
     * @param count how many tasks, {@code >= 1}
     * @param firstSeed the first seed, {@code >= 0}
     */
    public record Generated(TaskFamily family, int count, long firstSeed) implements Member {

        public Generated {
            Objects.requireNonNull(family, "family");
            if (count < 1 || firstSeed < 0) {
                throw new IllegalArgumentException("count must be >= 1 and the first seed >= 0, got " + count + " and "
                        + firstSeed);
            }
        }
    }

    /**
     * One task, as {@link Tasks#resolve} takes it: a built-in or generated name, a spec file, or {@code FILE#settings}.
     *
     * @param source the name or path; a relative path is relative to the working directory
     */
    public record Listed(String source) implements Member {

        public Listed {
            Objects.requireNonNull(source, "source");
        }
    }

    public TaskSuite {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        members = List.copyOf(members);
    }

    /**
     * The suite's tasks in order, each with its family and worker source.
     *
     * @throws SpecException if a listed task does not resolve, two members give the same task, or a family
     *     cannot draw enough different tasks
     * @throws dev.psi.train.data.DataException if a listed spec file is missing or cannot be read
     */
    public List<SuiteTask> tasks() {
        List<SuiteTask> tasks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Member member : members) {
            if (member instanceof Generated generated) {
                int added = 0;
                long seed = generated.firstSeed();
                long last = generated.firstSeed() + (long) TRIES_PER_TASK * generated.count();
                while (added < generated.count()) {
                    if (seed >= last) {
                        throw new SpecException("suite " + name + ": family " + generated.family().name() + " drew only "
                                + added + " different tasks from seeds " + generated.firstSeed() + " to " + (last - 1)
                                + "; ask for fewer");
                    }
                    TaskSpec task = generated.family().generate(seed++);
                    if (names.add(task.name())) {
                        tasks.add(new SuiteTask(generated.family().name(), task, generated.family().source(task)));
                        added++;
                    }
                }
            } else {
                SuiteTask task = listed(((Listed) member).source());
                if (!names.add(task.task().name())) {
                    throw new SpecException("suite " + name + " has the task " + task.task().name() + " twice");
                }
                tasks.add(task);
            }
        }
        return tasks;
    }

    /** How many tasks each family gives, in order of first appearance. */
    public static Map<String, Integer> countsByFamily(List<SuiteTask> tasks) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        tasks.forEach(task -> counts.merge(task.family(), 1, Integer::sum));
        return counts;
    }

    /**
     * A listed task with its family ({@code built-in}, the generating family, {@code spec} for a spec file, the
     * spec's name for {@code FILE#settings}) and its worker source, with a spec file made absolute so that a
     * worker in another folder finds it.
     */
    private static SuiteTask listed(String source) {
        TaskSpec task = Tasks.resolve(source);
        if (Tasks.isBuiltIn(source)) {
            return new SuiteTask("built-in", task, source);
        }
        int hash = source.lastIndexOf('#');
        String file = hash > 0 ? source.substring(0, hash) : source;
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json")) {
            String settings = hash > 0 ? source.substring(hash + 1) : "";
            String family = hash > 0 ? task.name().substring(0, task.name().length() - settings.length() - 1) : "spec";
            return new SuiteTask(family, task, Path.of(file).toAbsolutePath().normalize() + (hash > 0 ? "#" + settings
                    : ""));
        }
        return new SuiteTask(TaskFamilies.ofName(source).map(TaskFamily::name).orElse("built-in"), task, source);
    }
}
