package dev.psi.store;

import java.util.Objects;

/**
 * A row of the {@code jobs} table.
 *
 * @param id the job's id
 * @param study the study whose work it is
 * @param key identifies the work within the study
 * @param kind what the payload describes
 * @param priority lower runs first
 * @param payload the work as JSON
 * @param status where it stands
 * @param attempts how many times a worker claimed it
 * @param worker the worker that claimed it last, or {@code null}
 * @param result the work's JSON summary once done, else {@code null}
 * @param error why it failed, else {@code null}
 */
public record JobRecord(long id, String study, String key, String kind, int priority, String payload,
        JobStatus status, int attempts, String worker, String result, String error) {

    public JobRecord {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(status, "status");
    }
}
