package dev.psi.lab.work;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.psi.store.JobRecord;
import dev.psi.store.NewJob;
import dev.psi.train.task.Tasks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Jobs and their results as the {@code jobs} table stores them: a job's payload is its record as JSON, in
 * component order, so equal jobs have equal payloads, and its key is the SHA-256 of kind and payload.
 */
public final class Jobs {

    // Unknown fields fail: a payload written by another version of Psi is refused, not half-read.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private Jobs() {
    }

    /** The job as JSON. */
    public static String payload(Job job) {
        return write(job);
    }

    /**
     * The key that identifies {@code job} within its study: equal jobs, equal keys. A trial's method is left
     * out: two methods that train the same trial (random search and successive halving often find the same
     * point) share one job, so that no two workers ever train one trial at once.
     */
    public static String key(Job job) {
        Job identity = job instanceof TrialJob trial ? trial.withMethod("") : job;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((identity.kind() + "\n" + payload(identity)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** {@code job} as a row to queue at {@code priority} (lower runs first). */
    public static NewJob toNew(Job job, int priority) {
        return new NewJob(key(job), job.kind(), priority, payload(job));
    }

    /**
     * The job a stored row describes.
     *
     * @throws IllegalArgumentException if its kind is unknown or its payload does not fit the kind
     */
    public static Job job(JobRecord record) {
        Class<? extends Job> type = switch (record.kind()) {
            case "trial" -> TrialJob.class;
            case "sample" -> SampleJob.class;
            case "schedules" -> ScheduleJob.class;
            case "search" -> SearchJob.class;
            case "range-test" -> RangeTestJob.class;
            default -> throw new IllegalArgumentException("job " + record.id() + " is of unknown kind '" + record.kind()
                    + "'; valid: trial, sample, schedules, search, range-test");
        };
        return read(record.payload(), type, "job " + record.id());
    }

    /**
     * The name of the task at {@code source} for a job's label: its spec's name, or the source itself when it
     * does not resolve (the job then fails on it, and its label must still say which job that was); a reference to
     * stored files ({@link StoredFiles}) by its file's name, which needs no store.
     */
    static String taskName(String source) {
        if (StoredFiles.isReference(source)) {
            return StoredFiles.displayName(source);
        }
        try {
            return Tasks.resolve(source).name();
        } catch (RuntimeException e) {
            return source;
        }
    }

    /** A result as JSON. */
    public static String result(JobResult result) {
        return write(result);
    }

    /**
     * The result a done row holds.
     *
     * @throws IllegalArgumentException if it is missing or malformed
     */
    public static JobResult result(JobRecord record) {
        if (record.result() == null) {
            throw new IllegalArgumentException("job " + record.id() + " has no result");
        }
        return read(record.result(), JobResult.class, "the result of job " + record.id());
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    private static <T> T read(String json, Class<T> type, String what) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }
}
