package dev.psi.store;

import java.util.Objects;

/**
 * Where one job of the queue stands, without its payload and result: what a coordinator polls for. A study's
 * payloads and results are most of its {@code jobs} rows (about 1 KB each), and a coordinator that read them all
 * five times a second spent 70–90 ms of CPU per poll at the standard preset's 8740 jobs.
 *
 * @param id the job's id
 * @param key its key, unique in its study
 * @param status where it stands
 * @param worker the worker that holds or held it, or {@code null}
 */
public record JobState(long id, String key, JobStatus status, String worker) {

    public JobState {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
    }
}
