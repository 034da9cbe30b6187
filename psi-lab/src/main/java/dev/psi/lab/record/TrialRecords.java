package dev.psi.lab.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.psi.train.engine.TrialConfig;
import dev.psi.train.task.TaskSpec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * How a trial is described in the store, the same whichever command ran it: the store refuses a task
 * name whose stored definition changes, so {@code psi train}, {@code psi sample} and the searches must
 * write the same task JSON.
 */
public final class TrialRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrialRecords() {
    }

    /** What defines the task, stored once per task name. */
    public static String taskJson(TaskSpec task) {
        ObjectNode json = JSON.createObjectNode();
        json.put("name", task.name());
        json.put("data", task.data().describe());
        json.put("model", task.model().toString());
        json.put("optimizer", task.optimizer().toString());
        json.put("batch_size", task.batchSize());
        json.put("epochs", task.epochs());
        task.target().ifPresent(target -> json.put("target", target.toString()));
        // Only when set: the JSON of a task without it stays as stores already hold it.
        if (task.evalEvery() > 0) {
            json.put("eval_every", task.evalEvery());
        }
        return json.toString();
    }

    /**
     * Everything that fixes the trial, as the {@code config} column stores it.
     *
     * @param trainSize the training subset, or {@code null} for all examples
     * @param extra what the command adds, e.g. its threads or sampling mode
     */
    public static String configJson(TaskSpec task, TrialConfig config, Integer trainSize, Map<String, String> extra) {
        ObjectNode json = JSON.createObjectNode();
        json.put("task", task.name());
        json.put("model", config.model().toString());
        json.put("optimizer", config.optimizer().toString());
        json.put("controller", config.controller().toString());
        json.put("batch_size", config.batchSize());
        json.put("epochs", config.epochs());
        json.put("seed", config.seed());
        if (trainSize != null) {
            json.put("train_size", trainSize);
        }
        json.put("loss_smoothing", config.lossSmoothing());
        if (config.evalEvery() > 0) {
            json.put("eval_every", config.evalEvery());
        }
        extra.forEach(json::put);
        return json.toString();
    }

    /**
     * This process as {@code machine:pid}, for the trial's {@code host} column: the process, not only the
     * machine, so that the trials a dead worker left {@code running} can be told from a live one's
     * ({@link dev.psi.store.JobQueue#release}).
     */
    public static String host() {
        return machine() + ":" + ProcessHandle.current().pid();
    }

    /**
     * Whether {@code host} ({@link #host()} as some process wrote it) names a process of this machine that no
     * longer runs. A process of another machine cannot be checked from here, nor can a host in another form:
     * both count as running. A pid the system gave to a new process since also counts as running, which
     * errs on the side of leaving a trial alone.
     */
    public static boolean isGoneFromThisMachine(String host) {
        String machine = machine() + ":";
        if (host == null || !host.startsWith(machine)) {
            return false;
        }
        try {
            long pid = Long.parseLong(host.substring(machine.length()));
            return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** This machine's name, looked up once: a name lookup may cost a DNS round trip, and it is asked per trial. */
    public static String machine() {
        return Machine.NAME;
    }

    /** Holds the machine's name, looked up on first use. */
    private static final class Machine {

        static final String NAME = lookUp();

        private static String lookUp() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "unknown";
            }
        }
    }
}
