package dev.psi.store;

import java.util.Objects;

/**
 * A unit of work about to be queued by {@link JobQueue#enqueue}.
 *
 * @param key identifies the work within its study: queuing a key the study already has queues nothing
 * @param kind what the payload describes, e.g. {@code trial}; read by the worker to decode it
 * @param priority lower runs first; ties run in the order they were queued
 * @param payload the work as JSON
 */
public record NewJob(String key, String kind, int priority, String payload) {

    public NewJob {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
    }
}
