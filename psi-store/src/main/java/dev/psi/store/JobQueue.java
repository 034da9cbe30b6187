package dev.psi.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The work queue of studies, in the {@code jobs} table of the results database: a coordinator queues
 * units of work, worker processes claim them one at a time, keep a heartbeat while they work, and end
 * them done or failed. Because the queue is the database, workers need no other channel: on one machine
 * they share the SQLite file, across machines a PostgreSQL server.
 *
 * <p>Lifecycle of a job: {@link #enqueue} ({@code queued}) → {@link #claim} ({@code claimed}, attempts + 1)
 * → {@link #heartbeat} while working → {@link #complete} ({@code done}) or {@link #fail} ({@code failed}).
 * If its worker dies, {@link #release} puts it back to {@code queued}, unless it already took
 * {@code maxAttempts} claims, which fails it: work that kills its worker every time is not retried forever.
 * A worker stopped with its study gives its job back with {@link #requeue}, which does not count the claim.
 * Queuing a failed job's key again queues it again, so rerunning a study retries what failed.
 *
 * <p>A claim is one conditional {@code UPDATE}: SQLite serializes writers and PostgreSQL re-checks the
 * condition after a concurrent update, so two workers never hold one job. Obtained from
 * {@link ResultStore#jobs()}; it shares the store's connection, and its calls run one at a time with the
 * store's.
 */
public final class JobQueue {

    /** Ids per {@code IN (…)} of {@link #jobs(String, Collection)}. */
    private static final int IDS_PER_SELECT = 500;

    private static final String COLUMNS =
            "id, study, job_key, kind, priority, payload, status, attempts, worker, result, error";

    private final ResultStore store;
    private final Connection connection;
    private final Clock clock;

    JobQueue(ResultStore store, Connection connection, Clock clock) {
        this.store = store;
        this.connection = connection;
        this.clock = clock;
    }

    /**
     * Queues {@code job} in {@code study} unless the study has its key already; a failed one is queued
     * again with its attempts reset.
     *
     * @return the job as it stands now, e.g. {@code done} if it was done before
     */
    public JobRecord enqueue(String study, NewJob job) {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(job, "job");
        synchronized (store) {
            String action = "queue job " + job.kind() + " of study " + study;
            try {
                String now = now();
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO jobs (study, job_key, kind, priority, payload, status, attempts, queued_at)
                        VALUES (?, ?, ?, ?, ?, 'queued', 0, ?)
                        ON CONFLICT (study, job_key) DO NOTHING""")) {
                    insert.setString(1, study);
                    insert.setString(2, job.key());
                    insert.setString(3, job.kind());
                    insert.setInt(4, job.priority());
                    insert.setString(5, job.payload());
                    insert.setString(6, now);
                    insert.executeUpdate();
                }
                try (PreparedStatement retry = connection.prepareStatement("""
                        UPDATE jobs SET status = 'queued', attempts = 0, worker = NULL, error = NULL, queued_at = ?,
                                        claimed_at = NULL, heartbeat_at = NULL, ended_at = NULL
                        WHERE study = ? AND job_key = ? AND status = 'failed'""")) {
                    retry.setString(1, now);
                    retry.setString(2, study);
                    retry.setString(3, job.key());
                    retry.executeUpdate();
                }
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT " + COLUMNS + " FROM jobs WHERE study = ? AND job_key = ?")) {
                    select.setString(1, study);
                    select.setString(2, job.key());
                    return single(select).orElseThrow(() -> store.failure(action, "the job vanished"));
                }
            } catch (SQLException e) {
                throw store.failure(action, e);
            }
        }
    }

    /**
     * Claims the next queued job (lowest priority, then oldest) for {@code worker}.
     *
     * @param study the study whose jobs to take, or empty for any study's
     * @param worker the claiming worker's name, e.g. {@code host:pid}; trials it runs carry it as their host
     * @return the claimed job, or empty if none is queued
     */
    public Optional<JobRecord> claim(Optional<String> study, String worker) {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(worker, "worker");
        String scope = study.isPresent() ? "study = ? AND " : "";
        String sql = "UPDATE jobs SET status = 'claimed', worker = ?, claimed_at = ?, heartbeat_at = ?,"
                + " attempts = attempts + 1"
                + " WHERE status = 'queued' AND id = (SELECT id FROM jobs WHERE " + scope + "status = 'queued'"
                + " ORDER BY priority, id LIMIT 1) RETURNING " + COLUMNS;
        synchronized (store) {
            try {
                // Under PostgreSQL a concurrent claim of the same row leaves this one with no row; try again
                // until a job is ours or none is queued.
                while (true) {
                    String now = now();
                    try (PreparedStatement update = connection.prepareStatement(sql)) {
                        update.setString(1, worker);
                        update.setString(2, now);
                        update.setString(3, now);
                        if (study.isPresent()) {
                            update.setString(4, study.get());
                        }
                        Optional<JobRecord> claimed = single(update);
                        if (claimed.isPresent() || !anyQueued(study)) {
                            return claimed;
                        }
                    }
                }
            } catch (SQLException e) {
                throw store.failure("claim a job for worker " + worker, e);
            }
        }
    }

    /**
     * Marks {@code worker} alive on job {@code id} now.
     *
     * @return false if the job is no longer claimed by {@code worker} (it was released meanwhile)
     */
    public boolean heartbeat(long id, String worker) {
        synchronized (store) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE jobs SET heartbeat_at = ? WHERE id = ? AND worker = ? AND status = 'claimed'")) {
                update.setString(1, now());
                update.setLong(2, id);
                update.setString(3, worker);
                return update.executeUpdate() == 1;
            } catch (SQLException e) {
                throw store.failure("record the heartbeat of job " + id, e);
            }
        }
    }

    /**
     * Ends job {@code id} done with {@code result}, whoever holds it: work finished by a worker presumed
     * dead is still finished.
     */
    public void complete(long id, String result) {
        Objects.requireNonNull(result, "result");
        synchronized (store) {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE jobs SET status = 'done', result = ?, error = NULL, ended_at = ?
                    WHERE id = ? AND status <> 'done'""")) {
                update.setString(1, result);
                update.setString(2, now());
                update.setLong(3, id);
                update.executeUpdate();
            } catch (SQLException e) {
                throw store.failure("end job " + id + " done", e);
            }
        }
    }

    /**
     * Ends job {@code id} failed with {@code error}, a one-line reason, if {@code worker} still holds it: a
     * worker taken for dead whose job another worker has claimed since must not fail that worker's run.
     */
    public void fail(long id, String worker, String error) {
        Objects.requireNonNull(error, "error");
        synchronized (store) {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE jobs SET status = 'failed', error = ?, ended_at = ?
                    WHERE id = ? AND worker = ? AND status = 'claimed'""")) {
                update.setString(1, error);
                update.setString(2, now());
                update.setLong(3, id);
                update.setString(4, worker);
                update.executeUpdate();
            } catch (SQLException e) {
                throw store.failure("end job " + id + " failed", e);
            }
        }
    }

    /**
     * Marks the study's queued jobs failed ({@code superseded}): a new run of the study queues again what its
     * plan still holds, and what it no longer holds (fewer seeds, other methods) is not run first.
     *
     * @return how many jobs were superseded
     */
    public int supersede(String study) {
        synchronized (store) {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE jobs SET status = 'failed', error = 'superseded by a new run of the study', ended_at = ?
                    WHERE study = ? AND status = 'queued'""")) {
                update.setString(1, now());
                update.setString(2, study);
                return update.executeUpdate();
            } catch (SQLException e) {
                throw store.failure("supersede the queued jobs of study " + study, e);
            }
        }
    }

    /**
     * Gives back the jobs {@code worker} holds, because it stopped: each goes back to {@code queued}, or
     * fails once it was claimed {@code maxAttempts} times. The trials the worker left {@code running} are
     * marked failed ({@code interrupted}), as a rerun marks those of a killed process; their checkpoints
     * stay, for the next attempt to resume from.
     *
     * @return the jobs given back, as they stand after
     */
    public List<JobRecord> release(String worker, int maxAttempts) {
        return giveBack(worker, maxAttempts, true);
    }

    /**
     * Gives back the jobs {@code worker} holds without counting the claim as an attempt: the worker did
     * not fail on them, its study was stopped (Ctrl-C, an error elsewhere) and it went down with it.
     *
     * @return the jobs given back, as they stand after
     */
    public List<JobRecord> requeue(String worker) {
        return giveBack(worker, Integer.MAX_VALUE, false);
    }

    private List<JobRecord> giveBack(String worker, int maxAttempts, boolean counted) {
        Objects.requireNonNull(worker, "worker");
        synchronized (store) {
            String action = "release the jobs of worker " + worker;
            try {
                connection.setAutoCommit(false);
                try {
                    String now = now();
                    try (PreparedStatement trials = connection.prepareStatement("""
                            UPDATE trials SET status = 'failed', error = 'interrupted', ended_at = ?
                            WHERE host = ? AND status = 'running'""")) {
                        trials.setString(1, now);
                        trials.setString(2, worker);
                        trials.executeUpdate();
                    }
                    try (PreparedStatement failed = connection.prepareStatement("""
                            UPDATE jobs SET status = 'failed', ended_at = ?,
                                            error = 'its worker stopped while running it ' || attempts || ' times'
                            WHERE worker = ? AND status = 'claimed' AND attempts >= ?""")) {
                        failed.setString(1, now);
                        failed.setString(2, worker);
                        failed.setInt(3, maxAttempts);
                        failed.executeUpdate();
                    }
                    List<JobRecord> released;
                    try (PreparedStatement requeue = connection.prepareStatement("UPDATE jobs SET status = 'queued', "
                            + "claimed_at = NULL, heartbeat_at = NULL, attempts = attempts - ? WHERE worker = ? AND "
                            + "status = 'claimed' RETURNING " + COLUMNS)) {
                        requeue.setInt(1, counted ? 0 : 1);
                        requeue.setString(2, worker);
                        released = rows(requeue);
                    }
                    connection.commit();
                    return released;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw store.failure(action, e);
            }
        }
    }

    /**
     * The workers holding a job of {@code study} whose last heartbeat is older than {@code silence}: on
     * another machine, or a process that hangs, that is the only sign of death.
     */
    public List<String> silentWorkers(String study, Duration silence) {
        synchronized (store) {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT DISTINCT worker FROM jobs
                    WHERE study = ? AND status = 'claimed' AND heartbeat_at < ? ORDER BY worker""")) {
                select.setString(1, study);
                select.setString(2, Jdbc.timestamp(clock.instant().minus(silence)));
                List<String> workers = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        workers.add(row.getString(1));
                    }
                }
                return workers;
            } catch (SQLException e) {
                throw store.failure("read the workers of study " + study, e);
            }
        }
    }

    /** The jobs of {@code study} in the order they were queued; empty for an unknown study. */
    public List<JobRecord> jobs(String study) {
        synchronized (store) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM jobs WHERE study = ? ORDER BY id")) {
                select.setString(1, study);
                return rows(select);
            } catch (SQLException e) {
                throw store.failure("read the jobs of study " + study, e);
            }
        }
    }

    /** Where each job of {@code study} stands, in the order they were queued; empty for an unknown study. */
    public List<JobState> states(String study) {
        synchronized (store) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, job_key, status, worker FROM jobs WHERE study = ? ORDER BY id")) {
                select.setString(1, study);
                List<JobState> states = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        states.add(new JobState(row.getLong(1), row.getString(2), JobStatus.ofWord(row.getString(3)),
                                row.getString(4)));
                    }
                }
                return states;
            } catch (SQLException e) {
                throw store.failure("read the state of the jobs of study " + study, e);
            }
        }
    }

    /**
     * The jobs of {@code study} with the given ids, in id order; ids of no job of the study are left out. Read in
     * batches of {@value #IDS_PER_SELECT}, well under both databases' limits on a statement's parameters.
     */
    public List<JobRecord> jobs(String study, Collection<Long> ids) {
        List<Long> sorted = ids.stream().distinct().sorted().toList();
        List<JobRecord> jobs = new ArrayList<>(sorted.size());
        synchronized (store) {
            for (int from = 0; from < sorted.size(); from += IDS_PER_SELECT) {
                List<Long> batch = sorted.subList(from, Math.min(sorted.size(), from + IDS_PER_SELECT));
                try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                        + " FROM jobs WHERE study = ? AND id IN (" + "?, ".repeat(batch.size() - 1) + "?) ORDER BY id")) {
                    select.setString(1, study);
                    for (int i = 0; i < batch.size(); i++) {
                        select.setLong(i + 2, batch.get(i));
                    }
                    jobs.addAll(rows(select));
                } catch (SQLException e) {
                    throw store.failure("read " + batch.size() + " jobs of study " + study, e);
                }
            }
        }
        return jobs;
    }

    private boolean anyQueued(Optional<String> study) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM jobs WHERE "
                + (study.isPresent() ? "study = ? AND " : "") + "status = 'queued' LIMIT 1")) {
            if (study.isPresent()) {
                select.setString(1, study.get());
            }
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private String now() {
        return Jdbc.timestamp(clock.instant());
    }

    private static Optional<JobRecord> single(PreparedStatement statement) throws SQLException {
        List<JobRecord> rows = rows(statement);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static List<JobRecord> rows(PreparedStatement statement) throws SQLException {
        List<JobRecord> jobs = new ArrayList<>();
        try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                jobs.add(new JobRecord(row.getLong("id"), row.getString("study"), row.getString("job_key"),
                        row.getString("kind"), row.getInt("priority"), row.getString("payload"),
                        JobStatus.ofWord(row.getString("status")), row.getInt("attempts"), row.getString("worker"),
                        row.getString("result"), row.getString("error")));
            }
        }
        return jobs;
    }
}
