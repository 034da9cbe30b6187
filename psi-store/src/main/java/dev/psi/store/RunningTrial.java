package dev.psi.store;

import java.time.Instant;

/**
 * A trial whose status is {@code running}, with the process that runs it: what a command needs to tell a
 * trial in training from one a killed process left behind.
 *
 * @param id trial id
 * @param host the process that started or resumed it, {@code machine:pid}, or {@code null} if not recorded
 * @param startedAt when the trial started
 */
public record RunningTrial(long id, String host, Instant startedAt) {
}
