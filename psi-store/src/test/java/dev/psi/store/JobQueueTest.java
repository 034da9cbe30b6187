package dev.psi.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The work queue's contract on SQLite, in a file of the test's own. */
class JobQueueTest extends JobQueueContract {

    @TempDir
    Path dir;

    @Override
    String location() {
        return dir.resolve("psi.db").toString();
    }
}
