package dev.psi.lab.work;

import java.util.Objects;

/**
 * What a finished job reports: a progress line, and for a search what it found.
 *
 * @param line one line for the study's progress, e.g. {@code evaluate fmnist-mlp constant seed 2: completed, 1.2 s}
 * @param found what a search found, or {@code null} for other jobs
 */
public record JobResult(String line, SearchJob.Found found) {

    public JobResult {
        Objects.requireNonNull(line, "line");
    }

    /** A result with only a progress line. */
    public static JobResult of(String line) {
        return new JobResult(line, null);
    }
}
