package dev.psi.app.dashboard;

import dev.psi.core.result.TrialStatus;
import dev.psi.lab.report.SavedReport;
import dev.psi.store.JobStatus;
import dev.psi.store.StoreViews.StudyActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The studies as the dashboard lists them, folded from the store's per-name activity: a study run by
 * {@code psi study} queues its jobs under its own name and stores its trials under that name and the names of
 * its parts ({@code NAME-calibrate}, {@code NAME-labels}, {@code NAME-sample}, {@code NAME-search},
 * {@code NAME-pbt}, {@code NAME-oracle}: see {@code dev.psi.lab.study.Study}), which are shown as one study. A name
 * without jobs (a {@code psi train}, {@code psi sample} or {@code psi search} study) is a study of its own.
 */
public final class StudyBoard {

    /** The suffixes of the study names a {@code psi study} run stores its trials under, besides its own. */
    static final List<String> PART_SUFFIXES = List.of("-calibrate", "-labels", "-sample", "-search", "-pbt", "-oracle");

    /** Where a study stands. */
    public enum State {
        /** Jobs are queued or held, or (without jobs) a trial is running. */
        RUNNING,
        /** A job failed and nothing is left to run: the study stopped. */
        FAILED,
        /** Every job is done, or its report is written. */
        DONE;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One study as the dashboard shows it.
     *
     * @param name its name
     * @param parts the store's study names its trials are under: its own first
     * @param purpose the purpose stored with its name, or {@code null}
     * @param preset the preset its report names, else the one its default name {@code study-PRESET} names, else
     *     {@code null}
     * @param jobsDone jobs done; for a study without jobs, trials that ended
     * @param jobsTotal jobs queued so far in all; for a study without jobs, its trials
     * @param elapsed from its first trial or job to now while it runs, else to its last activity
     * @param eta the time left at the rate of the jobs done so far, for the jobs queued so far; {@code null} when it
     *     does not run or nothing is done yet
     * @param verdict its report's verdict, or {@code null} without a report
     */
    public record Study(String name, List<String> parts, String purpose, String preset, State state, int jobsDone,
            int jobsTotal, Map<JobStatus, Integer> jobs, Map<TrialStatus, Integer> trials, long epochsDone,
            long epochBudget, Instant started, Duration elapsed, Duration eta, String verdict,
            Optional<SavedReport> report) {

        public Study {
            parts = List.copyOf(parts);
        }
    }

    private StudyBoard() {
    }

    /**
     * The studies of {@code activity} (as {@link dev.psi.store.StoreViews#studies()} reads it), folded, in name
     * order.
     *
     * @param reports the report of a study by its name, if one was found
     * @param now the time to measure a running study's elapsed time to
     */
    public static List<Study> of(List<StudyActivity> activity, Function<String, Optional<SavedReport>> reports,
            Instant now) {
        Map<String, StudyActivity> byName = new LinkedHashMap<>();
        activity.forEach(a -> byName.put(a.name(), a));
        Set<String> claimed = new HashSet<>();
        for (StudyActivity a : activity) {
            if (!a.jobs().isEmpty()) {
                for (String suffix : PART_SUFFIXES) {
                    if (byName.containsKey(a.name() + suffix)) {
                        claimed.add(a.name() + suffix);
                    }
                }
            }
        }
        List<Study> studies = new ArrayList<>();
        for (StudyActivity a : activity) {
            if (claimed.contains(a.name())) {
                continue;
            }
            List<StudyActivity> parts = new ArrayList<>(List.of(a));
            if (!a.jobs().isEmpty()) {
                PART_SUFFIXES.stream().map(suffix -> byName.get(a.name() + suffix)).filter(Objects::nonNull)
                        .forEach(parts::add);
            }
            studies.add(study(a, parts, reports.apply(a.name()), now));
        }
        return studies;
    }

    private static Study study(StudyActivity own, List<StudyActivity> parts, Optional<SavedReport> report, Instant now) {
        Map<TrialStatus, Integer> trials = new EnumMap<>(TrialStatus.class);
        long epochsDone = 0;
        long epochBudget = 0;
        Instant started = null;
        Instant last = null;
        for (StudyActivity part : parts) {
            part.trials().forEach((status, count) -> trials.merge(status, count, Integer::sum));
            epochsDone += part.epochsDone();
            epochBudget += part.epochBudget();
            if (part.started() != null && (started == null || part.started().isBefore(started))) {
                started = part.started();
            }
            if (part.lastActivity() != null && (last == null || part.lastActivity().isAfter(last))) {
                last = part.lastActivity();
            }
        }
        Map<JobStatus, Integer> jobs = own.jobs();
        int done;
        int total;
        State state;
        if (!jobs.isEmpty()) {
            done = jobs.getOrDefault(JobStatus.DONE, 0);
            total = jobs.values().stream().mapToInt(Integer::intValue).sum();
            int open = jobs.getOrDefault(JobStatus.QUEUED, 0) + jobs.getOrDefault(JobStatus.CLAIMED, 0);
            state = report.isPresent() ? State.DONE
                    : open > 0 ? State.RUNNING : jobs.getOrDefault(JobStatus.FAILED, 0) > 0 ? State.FAILED : State.DONE;
        } else {
            total = trials.values().stream().mapToInt(Integer::intValue).sum();
            int running = trials.getOrDefault(TrialStatus.RUNNING, 0);
            done = total - running;
            state = running > 0 ? State.RUNNING : State.DONE;
        }
        Duration elapsed = started == null ? Duration.ZERO
                : Duration.between(started, state == State.RUNNING ? now : last);
        Duration eta = state == State.RUNNING && done > 0
                ? Duration.ofMillis(Math.round(elapsed.toMillis() * (double) (total - done) / done)) : null;
        String preset = report.flatMap(SavedReport::preset).orElse(defaultPreset(own.name()));
        return new Study(own.name(), parts.stream().map(StudyActivity::name).toList(), own.purpose(), preset, state, done,
                total, jobs, trials, epochsDone, epochBudget, started, elapsed, eta,
                report.map(SavedReport::verdict).orElse(null), report);
    }

    /** The preset a default study name ({@code psi study}'s {@code study-PRESET}) names, else {@code null}. */
    static String defaultPreset(String name) {
        for (String preset : List.of("quick", "standard", "full")) {
            if (name.equals("study-" + preset)) {
                return preset;
            }
        }
        return null;
    }
}
