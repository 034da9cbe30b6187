package dev.psi.store;

import dev.psi.core.result.SurfaceRow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.controller.TaskFeatures;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CsvExportTest {

    private static final String T = "2025-01-02T03:04:05.678Z";

    @RegisterExtension
    final TempStore temp = new TempStore();

    private Path db;
    private ResultStore store;

    @BeforeEach
    void open() {
        db = temp.file();
        store = temp.store();
    }

    @Test
    void exportWritesEveryTableAsRfc4180() throws Exception {
        store.catalog().ensureStudy("pilot", "evaluate");
        store.catalog().ensureTask("tiny", "{\"name\":\"tiny\",\"epochs\":2}");
        long id = store.trials().start(NewTrial.builder().study("pilot").task("tiny")
                .controller("StepLR(lr=0.1,step_size=2)").optimizer("SGD(momentum=0.9)").seed(7).epochs(2).batchSize(32)
                .host("node-1").build());
        store.epochs().record(id, new EpochResult(0, 0.1, 2.5, 2.25, 0.5, 10, 1.5));
        store.epochs().record(id, new EpochResult(1, 0.1, Double.NaN, 1.75, 0.625, 20, 1.25));
        store.trials().finish(id, TrialStatus.COMPLETED, null, null, 2.75);
        store.surface().record(new SurfaceRow(id, "pilot", "tiny", "grid", new TaskFeatures(320, 51, 32, "SGD"), 2, 3.5,
                0, 3.5, Double.NaN, 0.1, 2.5, Math.log(3.5 / 2.5), 2.25, 0.5));
        Path out = temp.directory().resolve("export");

        store.csvExport().write(out);

        assertEquals(List.of("epochs.csv", "evaluations.csv", "jobs.csv", "psi_models.csv", "recoveries.csv", "studies.csv",
                "surface.csv", "tasks.csv", "trials.csv"),
                Files.list(out).map(p -> p.getFileName().toString()).sorted().toList());
        assertEquals("id,name,purpose,created_at\r\n"
                + "1,pilot,evaluate," + T + "\r\n", Files.readString(out.resolve("studies.csv")));
        assertEquals("id,name,spec,created_at\r\n"
                + "1,tiny,\"{\"\"name\"\":\"\"tiny\"\",\"\"epochs\"\":2}\"," + T + "\r\n",
                Files.readString(out.resolve("tasks.csv")));
        assertEquals("id,study_id,task_id,controller,optimizer,seed,epochs,batch_size,train_size,status,"
                + "diverged_epoch,started_at,ended_at,wall_seconds,host,error,config,epochs_trained\r\n"
                + "1,1,1,\"StepLR(lr=0.1,step_size=2)\",SGD(momentum=0.9),7,2,32,,completed,," + T + "," + T
                + ",2.75,node-1,,,\r\n", Files.readString(out.resolve("trials.csv")));
        assertEquals("trial_id,epoch,lr,train_loss,val_loss,val_accuracy,steps,wall_seconds,test_loss,test_accuracy\r\n"
                + "1,0,0.1,2.5,2.25,0.5,10,1.5,,\r\n"
                + "1,1,0.1,,1.75,0.625,20,1.25,,\r\n", Files.readString(out.resolve("epochs.csv")));
        assertEquals("id,name,kind,path,content,created_at,study_id\r\n",
                Files.readString(out.resolve("psi_models.csv")));
        assertEquals("trial_id,study,task,kind,dataset_size,parameter_count,batch_size,optimizer_family,epochs,loss0,"
                + "epoch,loss,mean_loss,lr,next_loss,convergence,val_loss,val_accuracy\r\n"
                + "1,pilot,tiny,grid,320,51,32,SGD,2,3.5,0,3.5,,0.1,2.5," + Math.log(3.5 / 2.5) + ",2.25,0.5\r\n",
                Files.readString(out.resolve("surface.csv")));
    }

    @Test
    void exportCreatesMissingDirectories() {
        Path out = temp.directory().resolve("a").resolve("b");

        store.csvExport().write(out);

        assertEquals(true, Files.isRegularFile(out.resolve("trials.csv")));
    }

    @Test
    void exportIntoAFileFailsWithOneLine() throws Exception {
        Path file = Files.writeString(temp.directory().resolve("export"), "in the way");

        StoreException e = assertThrows(StoreException.class, () -> store.csvExport().write(file));

        assertEquals("Cannot export results database " + db + " to " + file + ": " + file
                + " exists and is not a directory", e.getMessage());
    }

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuoted() {
        assertEquals(List.of("plain", "\"a,b\"", "\"say \"\"hi\"\"\"", "\"two\nlines\"", "\"\"", ""),
                java.util.stream.Stream.of("plain", "a,b", "say \"hi\"", "two\nlines", "", null)
                        .map(CsvExport::field).toList());
    }
}
