package dev.psi.train.task.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.spec.SpecException;
import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.TaskSpecReader;
import dev.psi.train.task.Tasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecFileFamilyTest {

    @TempDir
    Path dir;

    private Path spec() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            csv.append(i % 7).append(',').append(i % 5).append(',').append(i % 2).append('\n');
        }
        Files.writeString(dir.resolve("points.csv"), csv);
        return Files.writeString(dir.resolve("points.yaml"), """
                name: points
                data: {format: csv, train: points.csv, validation: 0.25}
                model: linear
                batch_size: 8
                epochs: 3
                target: {metric: val_accuracy, value: 0.6}
                """);
    }

    @Test
    void variesOnlyTheTrainingSettings() throws IOException {
        TaskSpec base = TaskSpecReader.read(spec());
        SpecFileFamily family = SpecFileFamily.of(spec());
        TaskSpec task = family.generate(4);

        assertEquals("points", family.name());
        assertEquals(base.data(), task.data());
        assertEquals(base.model(), task.model());
        assertEquals(base.target(), task.target());
        assertTrue(task.name().matches("points-(sgd|sgdm|adam)-b[0-9]+-e[0-9]+"), task.name());
        assertEquals(task, family.generate(4));
    }

    @Test
    void aWorkerRebuildsTheTaskFromItsSource() throws IOException {
        SpecFileFamily family = SpecFileFamily.of(spec());
        TaskSpec task = family.resolve("points-adam-b16-e7");
        String source = family.source(task);

        assertEquals(dir.resolve("points.yaml").toAbsolutePath() + "#adam-b16-e7", source);
        assertEquals(task, Tasks.resolve(source));
        assertEquals(16, task.batchSize());
        assertEquals(7, task.epochs());
    }

    @Test
    void badSettingsAreNamed() throws IOException {
        String source = spec().toAbsolutePath() + "#adam-b16";
        SpecException e = assertThrows(SpecException.class, () -> Tasks.resolve(source));
        assertTrue(e.getMessage().contains("task name 'points-adam-b16': it ends where e<a whole number> should follow"),
                e.getMessage());
    }
}
