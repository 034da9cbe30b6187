package dev.psi.lab.work;

import java.util.Objects;

/**
 * What a finished job reports: a progress line, for a search what it found, for a range test the scale it measured.
 *
 * @param line one line for the study's progress, e.g. {@code evaluate fmnist-mlp constant seed 2: completed, 1.2 s}
 * @param found what a search found, or {@code null} for other jobs
 * @param scale what a range test measured, or {@code null} for other jobs (and in results stored before it)
 */
public record JobResult(String line, SearchJob.Found found, RangeTestJob.Scale scale) {

    public JobResult {
        Objects.requireNonNull(line, "line");
    }

    /** A result with only a progress line. */
    public static JobResult of(String line) {
        return new JobResult(line, null, null);
    }
}
