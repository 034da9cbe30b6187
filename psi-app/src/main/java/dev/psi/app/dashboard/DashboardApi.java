package dev.psi.app.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
import dev.psi.core.result.Recovery;
import dev.psi.core.result.TrialStatus;
import dev.psi.lab.report.SavedReport;
import dev.psi.store.JobStatus;
import dev.psi.store.StoreViews;
import dev.psi.store.TrialSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard's JSON API: what every page shows, for scripts as well (the routes are in
 * {@link DashboardServer}, the table of them in the README, "Dashboard"). It reads the store only through
 * {@link StoreViews} and the stores' read calls, pages every list that grows with the store, and counts the
 * studies in the background ({@link #COUNT_EVERY_MILLIS}).
 */
final class DashboardApi {

    /** Sections of a study's report the study page shows, in the report's order. */
    static final List<String> REPORT_SECTIONS = List.of("ablation", "results", "profiles");

    /** Trials per page of a study's trial table, unless the request asks for another size. */
    static final int PAGE = 50;

    /** Trials whose curves a study page draws at once, unless the request asks for fewer. */
    static final int CURVES = 12;

    /** Jobs the timeline draws: the latest. */
    static final int TIMELINE = 500;

    static final ObjectMapper JSON = new ObjectMapper();

    /** A study or trial the request names that the store does not hold. */
    static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }

    /**
     * How often the studies are counted, in the background on a connection of their own: on a store of 100 000
     * trials counting them scans every trial and job (README, "Dashboard"), so no request waits for it; every
     * request reads the latest count.
     */
    static final long COUNT_EVERY_MILLIS = 1000;

    /** How long a study's tasks and controllers, which rarely change, are reused for its filters. */
    static final long FILTERS_NANOS = 10_000_000_000L;

    /** The studies as last counted. */
    record Snapshot(Instant countedAt, double countSeconds, List<StoreViews.StudyActivity> activity,
            List<StudyBoard.Study> studies, Map<String, Map<String, Map<JobStatus, Integer>>> workers) {
    }

    private record Filters(long takenAt, List<String> tasks, List<String> controllers) {
    }

    private final ReopeningStore store;
    private final ReopeningStore counting;
    private final Reports reports;
    private final Clock clock;
    private final ScheduledExecutorService counter;
    private final Map<String, Filters> filters = new ConcurrentHashMap<>();
    private Snapshot snapshot;
    private RuntimeException countFailure;

    /**
     * @param store the store the requests read
     * @param counting the same store on a connection of its own, which the background count reads
     */
    DashboardApi(ReopeningStore store, ReopeningStore counting, Reports reports, Clock clock) {
        this.store = store;
        this.counting = counting;
        this.reports = reports;
        this.clock = clock;
        this.counter = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "psi-dashboard-count");
            thread.setDaemon(true);
            return thread;
        });
        counter.scheduleWithFixedDelay(this::count, 0, COUNT_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops counting. */
    void close() {
        counter.shutdownNow();
        try {
            counter.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void count() {
        try {
            long start = System.nanoTime();
            List<StoreViews.StudyActivity> activity = counting.read(s -> s.views().studies());
            Map<String, Map<String, Map<JobStatus, Integer>>> workers = counting.read(s -> s.views().jobsByWorker());
            Instant now = clock.instant();
            Snapshot next = new Snapshot(now, (System.nanoTime() - start) / 1e9, activity,
                    StudyBoard.of(activity, reports::of, now), workers);
            synchronized (this) {
                snapshot = next;
                countFailure = null;
                notifyAll();
            }
        } catch (RuntimeException | Error e) {
            // An Error too (a stack overflow in a view, memory short for a moment): thrown out of here it would end
            // the scheduled count for good, and every page would show the last count forever without saying so.
            synchronized (this) {
                countFailure = e instanceof RuntimeException failure ? failure
                        : new IllegalStateException("counting the studies failed: " + e, e);
                notifyAll();
            }
        }
    }

    /** The latest count of the studies; waits for the first. */
    synchronized Snapshot snapshot() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (snapshot == null) {
            if (countFailure != null) {
                throw countFailure;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("the studies of " + store.location() + " were not counted within 30 s");
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the studies were counted", e);
            }
        }
        return snapshot;
    }

    /** Every study, folded as {@link StudyBoard} does, as last counted. */
    List<StudyBoard.Study> studies() {
        return snapshot().studies();
    }

    /**
     * The study named {@code name}: as the list shows it, or, for a part of another study opened by its own name,
     * alone.
     */
    StudyBoard.Study study(String name) {
        Snapshot current = snapshot();
        return current.studies().stream().filter(s -> s.name().equals(name)).findFirst()
                .or(() -> current.activity().stream().filter(a -> a.name().equals(name))
                        .flatMap(a -> StudyBoard.of(List.of(a), reports::of, current.countedAt()).stream()).findFirst())
                .orElseThrow(() -> new NotFound("no study " + name + " in " + store.location()));
    }

    /**
     * The store's study names that study {@code name} is shown as ({@link StudyBoard}), found without counting
     * anything.
     */
    List<String> parts(String name) {
        List<String> candidates = new java.util.ArrayList<>(List.of(name));
        if (store.read(s -> s.views().hasJobs(name))) {
            StudyBoard.PART_SUFFIXES.forEach(suffix -> candidates.add(name + suffix));
        }
        List<String> known = store.read(s -> s.views().known(candidates));
        if (!known.contains(name)) {
            throw new NotFound("no study " + name + " in " + store.location());
        }
        return known;
    }

    /** {@code GET /api/studies}. */
    ObjectNode studiesJson() {
        Snapshot current = snapshot();
        ObjectNode root = JSON.createObjectNode();
        root.put("database", store.location());
        root.put("counted_at", current.countedAt().toString());
        root.put("count_seconds", current.countSeconds());
        ArrayNode list = root.putArray("studies");
        current.studies().forEach(study -> list.add(studyJson(study)));
        return root;
    }

    /** {@code GET /api/studies/{name}}: the study with its jobs by worker. */
    ObjectNode studyDetailJson(String name) {
        StudyBoard.Study study = study(name);
        ObjectNode root = studyJson(study);
        root.put("counted_at", snapshot().countedAt().toString());
        ObjectNode workers = root.putObject("workers");
        snapshot().workers().getOrDefault(name, Map.of()).forEach((worker, counts) -> {
            ObjectNode node = workers.putObject(worker.isEmpty() ? "(queued)" : worker);
            counts.forEach((status, count) -> node.put(status.word(), count));
        });
        return root;
    }

    /** {@code GET /api/studies/{name}/filters}: the tasks and controllers of its trials, to filter them by. */
    ObjectNode filtersJson(String name) {
        List<String> parts = parts(name);
        long now = System.nanoTime();
        Filters known = filters.get(name);
        if (known == null || now - known.takenAt() >= FILTERS_NANOS) {
            known = new Filters(now, store.read(s -> s.views().tasks(parts)),
                    store.read(s -> s.views().controllers(parts)));
            filters.put(name, known);
        }
        ObjectNode root = JSON.createObjectNode();
        strings(root.putArray("tasks"), known.tasks());
        strings(root.putArray("controllers"), known.controllers());
        return root;
    }

    /** {@code GET /api/studies/{name}/report}: the verdict and the report's sections, as its page has them. */
    ObjectNode reportJson(String name) {
        SavedReport report = reports.of(name).orElseThrow(() -> new NotFound("no report of study " + name
                + " in the folders given with --reports"));
        ObjectNode root = JSON.createObjectNode();
        root.put("study", report.study());
        root.put("folder", report.folder().toAbsolutePath().toString());
        root.put("verdict", report.verdict());
        ArrayNode sections = root.putArray("sections");
        for (String id : REPORT_SECTIONS) {
            report.section(id).ifPresent(section -> sections.addObject().put("id", section.id())
                    .put("title_html", section.titleHtml()).put("html", section.html()));
        }
        return root;
    }

    /** {@code GET /api/studies/{name}/jobs}: the latest jobs with their times, for the timeline. */
    ObjectNode jobsJson(String name) {
        parts(name);
        ObjectNode root = JSON.createObjectNode();
        root.put("now", clock.instant().toString());
        ArrayNode list = root.putArray("jobs");
        for (StoreViews.JobSpan job : store.read(s -> s.views().jobs(name, TIMELINE))) {
            ObjectNode node = list.addObject();
            node.put("id", job.id());
            node.put("kind", job.kind());
            node.put("status", job.status().word());
            node.put("attempts", job.attempts());
            node.put("worker", job.worker());
            time(node, "queued_at", job.queuedAt());
            time(node, "claimed_at", job.claimedAt());
            time(node, "heartbeat_at", job.heartbeatAt());
            time(node, "ended_at", job.endedAt());
        }
        return root;
    }

    /** {@code GET /api/studies/{name}/trials}: a page of its trials, running first, then the newest. */
    ObjectNode trialsJson(String name, String task, String controller, String status, int offset, int limit) {
        StoreViews.TrialFilter filter = filter(parts(name), task, controller, status);
        StoreViews.TrialPage page = store.read(s -> s.views().trials(filter, offset, limit));
        ObjectNode root = JSON.createObjectNode();
        root.put("total", page.total());
        root.put("offset", page.offset());
        root.put("limit", page.limit());
        ArrayNode list = root.putArray("trials");
        page.trials().forEach(trial -> list.add(summaryJson(trial)));
        return root;
    }

    /**
     * {@code GET /api/studies/{name}/curves}: the validation metric (accuracy, or the loss where a task has no
     * accuracy) and α against steps of the first {@code limit} trials of the filtered list.
     */
    ObjectNode curvesJson(String name, String task, String controller, int limit) {
        StoreViews.TrialFilter filter = filter(parts(name), task, controller, null);
        StoreViews.TrialPage page = store.read(s -> s.views().trials(filter, 0, Math.min(limit, CURVES)));
        ObjectNode root = JSON.createObjectNode();
        root.put("total", page.total());
        ArrayNode list = root.putArray("trials");
        for (TrialSummary trial : page.trials()) {
            ObjectNode node = summaryJson(trial);
            curves(node, store.read(s -> s.epochs().of(trial.id())), store.read(s -> s.evaluations().of(trial.id())));
            list.add(node);
        }
        return root;
    }

    /** {@code GET /api/trials/{id}}: everything stored about one trial. */
    ObjectNode trialJson(long id) {
        StoreViews.TrialDetail detail = store.read(s -> s.views().trial(id))
                .orElseThrow(() -> new NotFound("no trial " + id + " in " + store.location()));
        ObjectNode root = summaryJson(detail.summary());
        root.put("task_spec", detail.taskSpec());
        root.put("batch_size", detail.batchSize());
        if (detail.trainSize() == null) {
            root.putNull("train_size");
        } else {
            root.put("train_size", detail.trainSize());
        }
        root.put("host", detail.host());
        root.put("config", detail.config());
        time(root, "ended_at", detail.endedAt());
        if (detail.epochsTrained() == null) {
            root.putNull("epochs_trained");
        } else {
            root.put("epochs_trained", detail.epochsTrained());
        }
        if (detail.checkpoint().isPresent()) {
            StoreViews.CheckpointInfo checkpoint = detail.checkpoint().get();
            root.putObject("checkpoint").put("epoch", checkpoint.epoch()).put("bytes", checkpoint.bytes())
                    .put("saved_at", checkpoint.savedAt().toString());
        } else {
            root.putNull("checkpoint");
        }
        List<EpochResult> epochs = store.read(s -> s.epochs().of(id));
        ArrayNode epochRows = root.putArray("epochs");
        for (EpochResult e : epochs) {
            ObjectNode row = epochRows.addObject();
            row.put("epoch", e.epoch());
            row.put("steps", e.steps());
            number(row, "lr", e.lr());
            number(row, "train_loss", e.trainLoss());
            number(row, "val_loss", e.valLoss());
            number(row, "val_accuracy", e.valAccuracy());
            number(row, "wall_seconds", e.wallSeconds());
            number(row, "test_loss", e.testLoss());
            number(row, "test_accuracy", e.testAccuracy());
        }
        List<Evaluation> evaluations = store.read(s -> s.evaluations().of(id));
        ArrayNode evaluationRows = root.putArray("evaluations");
        for (Evaluation e : evaluations) {
            ObjectNode row = evaluationRows.addObject();
            row.put("step", e.step());
            row.put("epoch", e.epoch());
            number(row, "epochs", e.epochs());
            number(row, "val_loss", e.valLoss());
            number(row, "val_accuracy", e.valAccuracy());
            row.put("examples", e.examples());
            number(row, "train_seconds", e.trainSeconds());
        }
        ArrayNode recoveries = root.putArray("recoveries");
        for (Recovery r : store.read(s -> s.recoveries().of(id))) {
            ObjectNode row = recoveries.addObject();
            row.put("epoch", r.epoch());
            row.put("step", r.step());
            row.put("reason", r.reason());
            number(row, "lr", r.learningRate());
        }
        curves(root, epochs, evaluations);
        return root;
    }

    private static StoreViews.TrialFilter filter(List<String> parts, String task, String controller,
            String status) {
        TrialStatus trialStatus = null;
        if (status != null) {
            try {
                trialStatus = TrialStatus.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("status must be running, completed, diverged, failed or pruned, got "
                        + status);
            }
        }
        return new StoreViews.TrialFilter(parts, task, controller, trialStatus);
    }

    private static ObjectNode studyJson(StudyBoard.Study study) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", study.name());
        strings(node.putArray("parts"), study.parts());
        node.put("purpose", study.purpose());
        node.put("preset", study.preset());
        node.put("state", study.state().word());
        ObjectNode progress = node.putObject("progress");
        progress.put("jobs_done", study.jobsDone());
        progress.put("jobs_total", study.jobsTotal());
        progress.put("epochs_done", study.epochsDone());
        progress.put("epoch_budget", study.epochBudget());
        ObjectNode jobs = node.putObject("jobs");
        for (JobStatus status : JobStatus.values()) {
            jobs.put(status.word(), study.jobs().getOrDefault(status, 0));
        }
        ObjectNode trials = node.putObject("trials");
        for (TrialStatus status : TrialStatus.values()) {
            trials.put(status.word(), study.trials().getOrDefault(status, 0));
        }
        time(node, "started_at", study.started());
        node.put("elapsed_seconds", seconds(study.elapsed()));
        if (study.eta() == null) {
            node.putNull("eta_seconds");
        } else {
            node.put("eta_seconds", seconds(study.eta()));
        }
        node.put("verdict", study.verdict());
        node.put("report", study.report().map(r -> r.folder().toAbsolutePath().toString()).orElse(null));
        return node;
    }

    private static ObjectNode summaryJson(TrialSummary trial) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", trial.id());
        node.put("study", trial.study());
        node.put("task", trial.task());
        node.put("controller", trial.controller());
        node.put("optimizer", trial.optimizer());
        node.put("seed", trial.seed());
        node.put("status", trial.status().word());
        if (trial.divergedEpoch() == null) {
            node.putNull("diverged_epoch");
        } else {
            node.put("diverged_epoch", trial.divergedEpoch());
        }
        node.put("error", trial.error());
        node.put("epochs_done", trial.epochsDone());
        node.put("epoch_budget", trial.epochBudget());
        number(node, "best_val_accuracy", trial.bestValAccuracy());
        number(node, "final_val_loss", trial.finalValLoss());
        number(node, "wall_seconds", trial.wallSeconds());
        time(node, "started_at", trial.startedAt());
        return node;
    }

    /**
     * The curves of a trial: {@code metric} names the validation metric, {@code points} its values
     * ({@code [step, value]}, from the evaluations within epochs, else the epochs' ends), {@code lr} the mean α of
     * each epoch at the epoch's last step.
     */
    private static void curves(ObjectNode node, List<EpochResult> epochs, List<Evaluation> evaluations) {
        boolean accuracy = evaluations.stream().anyMatch(e -> Double.isFinite(e.valAccuracy()))
                || epochs.stream().anyMatch(e -> Double.isFinite(e.valAccuracy()));
        node.put("metric", accuracy ? "val_accuracy" : "val_loss");
        ArrayNode points = node.putArray("points");
        if (!evaluations.isEmpty()) {
            for (Evaluation e : evaluations) {
                point(points, e.step(), accuracy ? e.valAccuracy() : e.valLoss());
            }
        } else {
            for (EpochResult e : epochs) {
                point(points, e.steps(), accuracy ? e.valAccuracy() : e.valLoss());
            }
        }
        ArrayNode lr = node.putArray("lr");
        for (EpochResult e : epochs) {
            point(lr, e.steps(), e.lr());
        }
    }

    private static void point(ArrayNode array, long step, double value) {
        ArrayNode point = array.addArray().add(step);
        if (Double.isFinite(value)) {
            point.add(value);
        } else {
            point.addNull();
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static void time(ObjectNode node, String field, Instant instant) {
        node.put(field, instant == null ? null : instant.toString());
    }

    /** JSON has no ∞ or NaN: both become null. */
    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    /** The JSON text of {@code node}. */
    static String text(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree of plain values", e);
        }
    }

    static Map<String, String> error(String message) {
        return Map.of("error", message);
    }

    static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
