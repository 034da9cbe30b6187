package dev.psi.store;

import dev.psi.core.result.TrialStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Read-only views of the store for a live dashboard: what each study has done so far, a page of its trials,
 * the spans of its jobs, and one trial with everything stored about it. Every query is a prepared statement
 * with bound values, and every list a caller can make long is paged or capped, so that a store of 100 000
 * trials answers each view in a bounded time. Obtained from {@link ResultStore#views()}; its calls run one at
 * a time with the store's.
 */
public final class StoreViews {

    /** The most rows one page or list returns, whatever the caller asks for. */
    public static final int MAX_PAGE = 500;

    /**
     * What one study (a name in {@code studies} or in the job queue) has stored so far.
     *
     * @param name the study's name
     * @param purpose what it is for ({@code sample}, {@code evaluate}, …), or {@code null} for a name that only
     *     the job queue knows
     * @param trials its trials by status
     * @param epochBudget the epochs its trials were started with, summed
     * @param epochsDone the epochs its trials recorded, summed (a completed trial's budget: it trained all of it)
     * @param jobs the jobs queued under its name, by status
     * @param started the earliest start of a trial or queueing of a job, or {@code null} when it has neither
     * @param lastActivity the latest start or end of a trial or job, or {@code null} when it has neither
     */
    public record StudyActivity(String name, String purpose, Map<TrialStatus, Integer> trials, long epochBudget,
            long epochsDone, Map<JobStatus, Integer> jobs, Instant started, Instant lastActivity) {

        public StudyActivity {
            Objects.requireNonNull(name, "name");
            trials = Collections.unmodifiableMap(new EnumMap<>(trials.isEmpty() ? new EnumMap<>(TrialStatus.class)
                    : trials));
            jobs = Collections.unmodifiableMap(jobs.isEmpty() ? new EnumMap<>(JobStatus.class) : new EnumMap<>(jobs));
        }
    }

    /**
     * One job of the queue with its times, for a timeline.
     *
     * @param worker the worker ({@code machine:pid}) that holds or held it, or {@code null} while queued
     */
    public record JobSpan(long id, String key, String kind, JobStatus status, int attempts, String worker,
            Instant queuedAt, Instant claimedAt, Instant heartbeatAt, Instant endedAt) {
    }

    /** A page of trials and how many match in all. */
    public record TrialPage(List<TrialSummary> trials, long total, int offset, int limit) {

        public TrialPage {
            trials = List.copyOf(trials);
        }
    }

    /**
     * Which trials of some studies a page holds; a {@code null} task, controller or status matches every one.
     */
    public record TrialFilter(List<String> studies, String task, String controller, TrialStatus status) {

        public TrialFilter {
            studies = List.copyOf(studies);
            if (studies.isEmpty()) {
                throw new IllegalArgumentException("a trial filter names at least one study");
            }
        }
    }

    /**
     * The stored state of a trial's checkpoint, without the state itself.
     *
     * @param epoch the last epoch the trial had finished when it was taken
     * @param bytes the size of the encoded state
     */
    public record CheckpointInfo(int epoch, Instant savedAt, long bytes) {
    }

    /**
     * One trial with what {@link TrialSummary} leaves out.
     *
     * @param taskSpec the task's spec as stored (JSON)
     * @param trainSize training examples, or {@code null} when the task's whole training split was used
     * @param config the trial's configuration JSON, or {@code null}
     * @param epochsTrained epochs trained in all, lookahead branches included, or {@code null}
     * @param checkpoint the trial's stored checkpoint, if it has one
     */
    public record TrialDetail(TrialSummary summary, String taskSpec, int batchSize, Integer trainSize, String host,
            String config, Instant endedAt, Integer epochsTrained, Optional<CheckpointInfo> checkpoint) {
    }

    private final ResultStore store;
    private final Connection connection;

    StoreViews(ResultStore store, Connection connection) {
        this.store = store;
        this.connection = connection;
    }

    /**
     * Every study the store knows, by name: those in {@code studies} and those that only have jobs queued under
     * their name, with their trials, epochs and jobs counted.
     */
    public List<StudyActivity> studies() {
        synchronized (store) {
            try {
                Map<String, Builder> studies = new TreeMap<>();
                try (PreparedStatement query = connection.prepareStatement("SELECT name, purpose FROM studies");
                     ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        studies.computeIfAbsent(row.getString(1), Builder::new).purpose = row.getString(2);
                    }
                }
                // Grouped by study id, not joined to the names first: a plain scan of the trials is the fastest.
                Map<Long, String> names = new java.util.HashMap<>();
                try (PreparedStatement query = connection.prepareStatement("SELECT id, name FROM studies");
                     ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        names.put(row.getLong(1), row.getString(2));
                    }
                }
                // A completed trial trained its whole budget (TrialStatus.COMPLETED), so only the epochs of the
                // others are counted: on 100 000 trials the epochs table holds 500 000 rows.
                try (PreparedStatement query = connection.prepareStatement("""
                        SELECT study_id, status, COUNT(*), SUM(epochs), MIN(started_at),
                               MAX(COALESCE(ended_at, started_at))
                        FROM trials GROUP BY study_id, status""");
                     ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        if (row.getObject(1) == null) {
                            continue;
                        }
                        Builder study = studies.computeIfAbsent(names.get(row.getLong(1)), Builder::new);
                        TrialStatus status = TrialStatus.valueOf(row.getString(2).toUpperCase(Locale.ROOT));
                        study.trials.put(status, row.getInt(3));
                        study.epochBudget += row.getLong(4);
                        if (status == TrialStatus.COMPLETED) {
                            study.epochsDone += row.getLong(4);
                        }
                        study.seen(row.getString(5), row.getString(6));
                    }
                }
                try (PreparedStatement query = connection.prepareStatement("""
                        SELECT t.study_id, COUNT(*) FROM trials t JOIN epochs e ON e.trial_id = t.id
                        WHERE t.status <> 'completed' AND t.study_id IS NOT NULL GROUP BY t.study_id""");
                     ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        studies.computeIfAbsent(names.get(row.getLong(1)), Builder::new).epochsDone += row.getLong(2);
                    }
                }
                try (PreparedStatement query = connection.prepareStatement("""
                        SELECT study, status, COUNT(*), MIN(queued_at),
                               MAX(COALESCE(ended_at, heartbeat_at, claimed_at, queued_at))
                        FROM jobs GROUP BY study, status""");
                     ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        Builder study = studies.computeIfAbsent(row.getString(1), Builder::new);
                        study.jobs.put(JobStatus.ofWord(row.getString(2)), row.getInt(3));
                        study.seen(row.getString(4), row.getString(5));
                    }
                }
                return studies.values().stream().map(Builder::build).toList();
            } catch (SQLException e) {
                throw store.failure("read the studies", e);
            }
        }
    }

    /**
     * Those of {@code names} that the store knows as studies (in {@code studies} or in the job queue), in the
     * given order.
     */
    public List<String> known(List<String> names) {
        synchronized (store) {
            List<String> known = new ArrayList<>();
            try (PreparedStatement inStudies = connection.prepareStatement("SELECT 1 FROM studies WHERE name = ?");
                 PreparedStatement inJobs = connection.prepareStatement("SELECT 1 FROM jobs WHERE study = ? LIMIT 1")) {
                for (String name : names) {
                    if (exists(inStudies, name) || exists(inJobs, name)) {
                        known.add(name);
                    }
                }
                return known;
            } catch (SQLException e) {
                throw store.failure("read the studies", e);
            }
        }
    }

    /** Whether any job is queued, or was, under {@code study}'s name. */
    public boolean hasJobs(String study) {
        synchronized (store) {
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM jobs WHERE study = ? LIMIT 1")) {
                return exists(query, study);
            } catch (SQLException e) {
                throw store.failure("read the jobs of study " + study, e);
            }
        }
    }

    private static boolean exists(PreparedStatement query, String value) throws SQLException {
        query.setString(1, value);
        try (ResultSet row = query.executeQuery()) {
            return row.next();
        }
    }

    /**
     * The jobs queued under {@code study}, the latest {@code limit} (at most {@value #MAX_PAGE}) in the order they
     * were queued; empty for an unknown study.
     */
    public List<JobSpan> jobs(String study, int limit) {
        Objects.requireNonNull(study, "study");
        synchronized (store) {
            // "study || ''" keeps SQLite off the queue's index, which would sort all the study's jobs to find the
            // latest: walking the ids backwards stops at the limit (on 100 000 jobs 1 ms instead of 70).
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT id, job_key, kind, status, attempts, worker, queued_at, claimed_at, heartbeat_at, ended_at
                    FROM jobs WHERE study || '' = ? ORDER BY id DESC LIMIT ?""")) {
                query.setString(1, study);
                query.setInt(2, capped(limit));
                List<JobSpan> spans = new ArrayList<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        spans.add(new JobSpan(row.getLong(1), row.getString(2), row.getString(3),
                                JobStatus.ofWord(row.getString(4)), row.getInt(5), row.getString(6),
                                Jdbc.instant(row.getString(7)), Jdbc.instant(row.getString(8)),
                                Jdbc.instant(row.getString(9)), Jdbc.instant(row.getString(10))));
                    }
                }
                Collections.reverse(spans);
                return spans;
            } catch (SQLException e) {
                throw store.failure("read the jobs of study " + study, e);
            }
        }
    }

    /**
     * How many jobs of each study each worker holds or held, by status, as {@link #jobsByWorker(String)} counts
     * them for one study; by study, then worker.
     */
    public Map<String, Map<String, Map<JobStatus, Integer>>> jobsByWorker() {
        synchronized (store) {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT study, COALESCE(worker, ''), status, COUNT(*) FROM jobs
                    GROUP BY study, COALESCE(worker, ''), status""");
                 ResultSet row = query.executeQuery()) {
                Map<String, Map<String, Map<JobStatus, Integer>>> studies = new TreeMap<>();
                while (row.next()) {
                    studies.computeIfAbsent(row.getString(1), s -> new TreeMap<>())
                            .computeIfAbsent(row.getString(2), w -> new EnumMap<>(JobStatus.class))
                            .put(JobStatus.ofWord(row.getString(3)), row.getInt(4));
                }
                return studies;
            } catch (SQLException e) {
                throw store.failure("read the workers of the studies", e);
            }
        }
    }

    /**
     * How many jobs of {@code study} each worker holds or held, by status; jobs still queued are counted under the
     * worker {@code ""}. Ordered by worker.
     */
    public Map<String, Map<JobStatus, Integer>> jobsByWorker(String study) {
        Objects.requireNonNull(study, "study");
        synchronized (store) {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT COALESCE(worker, ''), status, COUNT(*) FROM jobs WHERE study = ?
                    GROUP BY COALESCE(worker, ''), status""")) {
                query.setString(1, study);
                Map<String, Map<JobStatus, Integer>> workers = new TreeMap<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        workers.computeIfAbsent(row.getString(1), w -> new EnumMap<>(JobStatus.class))
                                .put(JobStatus.ofWord(row.getString(2)), row.getInt(3));
                    }
                }
                return workers;
            } catch (SQLException e) {
                throw store.failure("read the workers of study " + study, e);
            }
        }
    }

    /**
     * A page of the trials that {@code filter} matches, running ones first, then the newest; {@code limit} is
     * capped at {@value #MAX_PAGE}.
     */
    public TrialPage trials(TrialFilter filter, int offset, int limit) {
        Objects.requireNonNull(filter, "filter");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        int capped = capped(limit);
        String where = where(filter);
        synchronized (store) {
            try {
                long total;
                try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM trials t" + where)) {
                    bind(count, filter);
                    try (ResultSet row = count.executeQuery()) {
                        row.next();
                        total = row.getLong(1);
                    }
                }
                // The page's ids first, then their figures: SQLite would otherwise compute the figures (three
                // subqueries each) of every row the offset skips. Running trials (few) come first; the others are
                // walked newest first along the study index, without sorting them all.
                List<Long> ids = new ArrayList<>();
                long runningCount;
                try (PreparedStatement runningIds = connection.prepareStatement("SELECT t.id FROM trials t" + where
                        + " AND t.status = 'running' ORDER BY t.id DESC")) {
                    bind(runningIds, filter);
                    List<Long> running = new ArrayList<>();
                    try (ResultSet row = runningIds.executeQuery()) {
                        while (row.next()) {
                            running.add(row.getLong(1));
                        }
                    }
                    runningCount = running.size();
                    ids.addAll(running.subList((int) Math.min(offset, runningCount),
                            (int) Math.min((long) offset + capped, runningCount)));
                }
                if (ids.size() < capped) {
                    try (PreparedStatement rest = connection.prepareStatement("SELECT t.id FROM trials t" + where
                            + " AND t.status <> 'running' ORDER BY t.id DESC LIMIT ? OFFSET ?")) {
                        int next = bind(rest, filter);
                        rest.setInt(next, capped - ids.size());
                        rest.setLong(next + 1, Math.max(0, offset - runningCount));
                        try (ResultSet row = rest.executeQuery()) {
                            while (row.next()) {
                                ids.add(row.getLong(1));
                            }
                        }
                    }
                }
                List<TrialSummary> trials = new ArrayList<>();
                try (PreparedStatement one = connection.prepareStatement(TrialStore.SUMMARY_COLUMNS + "FROM trials t"
                        + " JOIN tasks k ON k.id = t.task_id LEFT JOIN studies s ON s.id = t.study_id WHERE t.id = ?")) {
                    for (long id : ids) {
                        one.setLong(1, id);
                        trials.addAll(TrialStore.summaries(one));
                    }
                }
                return new TrialPage(trials, total, offset, capped);
            } catch (SQLException e) {
                throw store.failure("read trials of " + String.join(", ", filter.studies()), e);
            }
        }
    }

    /** The task names of the trials of {@code studies}, sorted. */
    public List<String> tasks(List<String> studies) {
        return distinct("SELECT name FROM tasks WHERE id IN (SELECT t.task_id FROM trials t", ") ORDER BY 1", studies);
    }

    /** The controller specs of the trials of {@code studies}, sorted. */
    public List<String> controllers(List<String> studies) {
        return distinct("SELECT DISTINCT t.controller FROM trials t", " ORDER BY 1", studies);
    }

    private List<String> distinct(String select, String end, List<String> studies) {
        TrialFilter filter = new TrialFilter(studies, null, null, null);
        synchronized (store) {
            try (PreparedStatement query = connection.prepareStatement(select + where(filter) + end)) {
                bind(query, filter);
                List<String> values = new ArrayList<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        values.add(row.getString(1));
                    }
                }
                return values;
            } catch (SQLException e) {
                throw store.failure("read the trials of " + String.join(", ", studies), e);
            }
        }
    }

    /** Trial {@code id} with everything stored about it but its epochs, evaluations and recoveries. */
    public Optional<TrialDetail> trial(long id) {
        synchronized (store) {
            try (PreparedStatement query = connection.prepareStatement(TrialStore.SUMMARY_COLUMNS + """
                    , k.spec AS task_spec, t.batch_size, t.train_size, t.host, t.config, t.ended_at, t.epochs_trained,
                      c.epoch AS checkpoint_epoch, c.saved_at AS checkpoint_saved_at, LENGTH(c.state) AS checkpoint_bytes
                    FROM trials t JOIN tasks k ON k.id = t.task_id LEFT JOIN studies s ON s.id = t.study_id
                    LEFT JOIN checkpoints c ON c.trial_id = t.id
                    WHERE t.id = ?""")) {
                query.setLong(1, id);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    Integer checkpointEpoch = Jdbc.getInteger(row, "checkpoint_epoch");
                    Optional<CheckpointInfo> checkpoint = checkpointEpoch == null ? Optional.empty()
                            : Optional.of(new CheckpointInfo(checkpointEpoch,
                                    Jdbc.instant(row.getString("checkpoint_saved_at")), row.getLong("checkpoint_bytes")));
                    return Optional.of(new TrialDetail(TrialStore.summary(row), row.getString("task_spec"),
                            row.getInt("batch_size"), Jdbc.getInteger(row, "train_size"), row.getString("host"),
                            row.getString("config"), Jdbc.instant(row.getString("ended_at")),
                            Jdbc.getInteger(row, "epochs_trained"), checkpoint));
                }
            } catch (SQLException e) {
                throw store.failure("read trial " + id, e);
            }
        }
    }

    private static String where(TrialFilter filter) {
        // Through the ids of the names, so that SQLite walks the study index of the trials.
        StringBuilder where = new StringBuilder(" WHERE t.study_id IN (SELECT id FROM studies WHERE name IN (");
        for (int k = 0; k < filter.studies().size(); k++) {
            where.append(k == 0 ? "?" : ", ?");
        }
        where.append("))");
        if (filter.task() != null) {
            where.append(" AND t.task_id IN (SELECT id FROM tasks WHERE name = ?)");
        }
        if (filter.controller() != null) {
            where.append(" AND t.controller = ?");
        }
        if (filter.status() != null) {
            where.append(" AND t.status = ?");
        }
        return where.toString();
    }

    /** Binds the filter's values in {@link #where}'s order; returns the next parameter index. */
    private static int bind(PreparedStatement statement, TrialFilter filter) throws SQLException {
        int index = 1;
        for (String study : filter.studies()) {
            statement.setString(index++, study);
        }
        if (filter.task() != null) {
            statement.setString(index++, filter.task());
        }
        if (filter.controller() != null) {
            statement.setString(index++, filter.controller());
        }
        if (filter.status() != null) {
            statement.setString(index++, filter.status().word());
        }
        return index;
    }

    private static int capped(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        return Math.min(limit, MAX_PAGE);
    }

    /** A study's counts as they are read. */
    private static final class Builder {
        private final String name;
        private String purpose;
        private final Map<TrialStatus, Integer> trials = new EnumMap<>(TrialStatus.class);
        private final Map<JobStatus, Integer> jobs = new EnumMap<>(JobStatus.class);
        private long epochBudget;
        private long epochsDone;
        private String started;
        private String last;

        Builder(String name) {
            this.name = name;
        }

        /** Times are fixed-width ISO-8601 text, which sorts as time. */
        void seen(String first, String latest) {
            if (first != null && (started == null || first.compareTo(started) < 0)) {
                started = first;
            }
            if (latest != null && (last == null || latest.compareTo(last) > 0)) {
                last = latest;
            }
        }

        StudyActivity build() {
            return new StudyActivity(name, purpose, trials, epochBudget, epochsDone, jobs, Jdbc.instant(started),
                    Jdbc.instant(last));
        }
    }
}
