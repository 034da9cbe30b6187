package dev.psi.app.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
import dev.psi.core.result.Recovery;
import dev.psi.core.result.TrialStatus;
import dev.psi.store.NewJob;
import dev.psi.store.NewTrial;
import dev.psi.store.ResultStore;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardServerTest {

    static final String SCRIPT = "<script>alert(1)</script>";
    private static final Instant START = Instant.parse("2026-01-02T03:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private DashboardServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private long finished;
    private long running;

    @BeforeEach
    void serveAStoreWithAStudyAndAScriptNamedTask() throws IOException {
        Path db = dir.resolve("psi.db");
        try (ResultStore store = ResultStore.open(db.toString(), Clock.fixed(START, ZoneOffset.UTC))) {
            store.catalog().ensureTask("tiny", "{\"name\":\"tiny\"}");
            store.catalog().ensureTask(SCRIPT, "{\"name\":\"" + SCRIPT + "\"}");
            store.catalog().ensureStudy("pilot", "evaluate");
            store.catalog().ensureStudy("pilot-sample", "sample");
            store.catalog().ensureStudy(SCRIPT, "evaluate");
            finished = trial(store, "pilot", "tiny", "Constant(lr=0.1)", 3);
            store.recoveries().record(finished, new Recovery(1, 15, "diverged", 0.05));
            store.trials().finish(finished, TrialStatus.COMPLETED, null, null, 4.5);
            running = trial(store, "pilot-sample", SCRIPT, "Constant(lr=0.1)", 1);
            store.checkpoints().save(running, 0, new byte[] {1, 2, 3});
            trial(store, SCRIPT, SCRIPT, SCRIPT, 0);
            store.jobs().enqueue("pilot", new NewJob("a", "trial", 0, "{}"));
            store.jobs().enqueue("pilot", new NewJob("b", "trial", 0, "{}"));
            long claimed = store.jobs().claim(Optional.of("pilot"), "node-1:7").orElseThrow().id();
            store.jobs().complete(claimed, "{}");
        }
        // Written after the store: the dashboard opens it read-only, as psi dashboard does.
        Path report = Files.createDirectories(dir.resolve("report"));
        Files.writeString(report.resolve("results.json"), "{\"study\":\"pilot\"}");
        Files.writeString(report.resolve("index.html"), "<html><body><h1>Study pilot</h1>\n<p>Preset quick; Ψ fitted"
                + " on a.</p>\n<h2 id=\"answer\">The answer</h2>\n<p class=\"verdict\">Undecided: &lt;b&gt; 95 % CI"
                + "</p>\n<h2 id=\"results\">Results on the held-out tasks</h2>\n<table><tr><td>a</td></tr></table>\n"
                + "<h2 id=\"curves\">Learning curves</h2>\n<svg></svg>\n</body>\n</html>\n");
        server = DashboardServer.start(db.toString(), List.of(report), "127.0.0.1", 0,
                Clock.fixed(START.plusSeconds(90), ZoneOffset.UTC));
    }

    /** A trial with {@code epochs} epochs of 10 steps, an evaluation at the middle and the end of each. */
    private static long trial(ResultStore store, String study, String task, String controller, int epochs) {
        long id = store.trials().start(NewTrial.builder().study(study).task(task).controller(controller)
                .optimizer("SGD()").seed(7).epochs(3).batchSize(32).host("node-1:7").build());
        for (int epoch = 0; epoch < epochs; epoch++) {
            long steps = (epoch + 1) * 10L;
            store.evaluations().record(id, epoch, List.of(
                    new Evaluation(epoch, steps - 5, epoch + 0.5, 1.0 / (epoch + 1), 0.5 + epoch * 0.1, 100, 0.25),
                    new Evaluation(epoch, steps, epoch + 1.0, 0.9 / (epoch + 1), 0.55 + epoch * 0.1, 100, 0.5)));
            store.epochs().record(id, new EpochResult(epoch, 0.1 / (epoch + 1), 1.0, 0.9 / (epoch + 1),
                    0.55 + epoch * 0.1, steps, 1.5, Double.NaN, Double.NaN));
        }
        return id;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json;charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        return JSON.readTree(response.body());
    }

    @Test
    void theStudiesListFoldsAStudysPartsAndCountsItsJobsEpochsAndTime() throws Exception {
        JsonNode studies = json("/api/studies").get("studies");

        assertEquals(2, studies.size(), studies.toString());
        JsonNode pilot = studies.get(1);
        assertEquals("pilot", pilot.get("name").asText());
        assertEquals("[\"pilot\",\"pilot-sample\"]", pilot.get("parts").toString());
        assertEquals("done", pilot.get("state").asText(), "its report is written");
        assertEquals("quick", pilot.get("preset").asText());
        assertEquals("{\"jobs_done\":1,\"jobs_total\":2,\"epochs_done\":4,\"epoch_budget\":6}",
                pilot.get("progress").toString());
        assertEquals("Undecided: <b> 95 % CI", pilot.get("verdict").asText());
        assertEquals(1, pilot.get("trials").get("running").asInt());
        assertEquals(1, pilot.get("trials").get("completed").asInt());
        JsonNode script = studies.get(0);
        assertEquals(SCRIPT, script.get("name").asText());
        assertEquals("running", script.get("state").asText());
        assertEquals("{\"jobs_done\":0,\"jobs_total\":1,\"epochs_done\":0,\"epoch_budget\":3}",
                script.get("progress").toString());
        assertEquals(90.0, script.get("elapsed_seconds").asDouble(), "from its trial's start to the clock's now");
        assertTrue(script.get("eta_seconds").isNull(), "nothing done yet: no rate to extrapolate");
    }

    @Test
    void aStudyComesWithItsWorkersTasksAndControllersAndItsReportsSections() throws Exception {
        JsonNode pilot = json("/api/studies/pilot");

        assertEquals("{\"(queued)\":{\"queued\":1},\"node-1:7\":{\"done\":1}}", pilot.get("workers").toString());
        JsonNode filters = json("/api/studies/pilot/filters");
        assertEquals("[\"" + SCRIPT + "\",\"tiny\"]", filters.get("tasks").toString());
        assertEquals("[\"Constant(lr=0.1)\"]", filters.get("controllers").toString());
        JsonNode report = json("/api/studies/pilot/report");
        assertEquals("Undecided: <b> 95 % CI", report.get("verdict").asText());
        assertEquals(1, report.get("sections").size(), "only the results: the page has no ablation or profiles");
        assertEquals("results", report.get("sections").get(0).get("id").asText());
        assertEquals("<table><tr><td>a</td></tr></table>", report.get("sections").get(0).get("html").asText());
        assertEquals(404, get("/api/studies/" + enc(SCRIPT) + "/report").statusCode());
    }

    @Test
    void trialPagesArePagedRunningFirstAndFilteredByTaskAndController() throws Exception {
        JsonNode page = json("/api/studies/pilot/trials?limit=1");
        assertEquals(2, page.get("total").asInt());
        assertEquals(1, page.get("trials").size());
        assertEquals(running, page.get("trials").get(0).get("id").asLong());
        assertEquals(finished, json("/api/studies/pilot/trials?limit=1&offset=1").get("trials").get(0).get("id").asLong());
        JsonNode tiny = json("/api/studies/pilot/trials?task=tiny");
        assertEquals(1, tiny.get("total").asInt());
        assertEquals(0, json("/api/studies/pilot/trials?controller=Cosine").get("total").asInt());
        assertEquals(1, json("/api/studies/pilot/trials?status=completed").get("total").asInt());
        assertEquals("{\"error\":\"limit must be a whole number, got x\"}",
                get("/api/studies/pilot/trials?limit=x").body());
        assertEquals(400, get("/api/studies/pilot/trials?limit=0").statusCode());
        assertEquals("{\"error\":\"status must be running, completed, diverged, failed or pruned, got won\"}",
                get("/api/studies/pilot/trials?status=won").body());
    }

    @Test
    void curvesHoldTheEvaluationsAndTheRateOfEachEpochAgainstSteps() throws Exception {
        JsonNode curves = json("/api/studies/pilot/curves?task=tiny");

        assertEquals(1, curves.get("total").asInt());
        JsonNode trial = curves.get("trials").get(0);
        assertEquals("val_accuracy", trial.get("metric").asText());
        JsonNode points = trial.get("points");
        assertEquals(6, points.size(), "two evaluations in each of 3 epochs");
        for (int epoch = 0; epoch < 3; epoch++) {
            assertEquals("[" + ((epoch + 1) * 10 - 5) + "," + (0.5 + epoch * 0.1) + "]", points.get(2 * epoch).toString());
            assertEquals("[" + (epoch + 1) * 10 + "," + (0.55 + epoch * 0.1) + "]", points.get(2 * epoch + 1).toString());
        }
        assertEquals("[[10,0.1],[20,0.05],[30,0.03333333333333333]]", trial.get("lr").toString());
    }

    @Test
    void aTrialComesWithEverythingStoredAboutIt() throws Exception {
        JsonNode trial = json("/api/trials/" + running);

        assertEquals(SCRIPT, trial.get("task").asText());
        assertEquals("pilot-sample", trial.get("study").asText());
        assertEquals("running", trial.get("status").asText());
        assertEquals("{\"name\":\"" + SCRIPT + "\"}", trial.get("task_spec").asText());
        assertEquals("{\"epoch\":0,\"bytes\":3,\"saved_at\":\"2026-01-02T03:00:00Z\"}", trial.get("checkpoint").toString());
        assertEquals(1, trial.get("epochs").size());
        assertEquals(2, trial.get("evaluations").size());
        JsonNode done = json("/api/trials/" + finished);
        assertEquals("[{\"epoch\":1,\"step\":15,\"reason\":\"diverged\",\"lr\":0.05}]", done.get("recoveries").toString());
        assertTrue(done.get("checkpoint").isNull());
        assertEquals(4.5, done.get("wall_seconds").asDouble());
        assertEquals("{\"error\":\"no trial 999 in " + dir.resolve("psi.db") + "\"}", get("/api/trials/999").body());
        assertEquals(404, get("/api/trials/999").statusCode());
        assertEquals(404, get("/api/studies/nothing").statusCode());
    }

    @Test
    void namesFromAUsersSpecAreEscapedOnEveryPage() throws Exception {
        HttpResponse<String> study = get("/studies/" + enc(SCRIPT));

        assertEquals(200, study.statusCode());
        assertEquals("text/html;charset=utf-8", study.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(study.body().contains("<h1>Study <span id=\"study-name\">&lt;script&gt;alert(1)&lt;/script&gt;</span>"),
                study.body());
        assertTrue(study.body().contains("data-study=\"&lt;script&gt;alert(1)&lt;/script&gt;\""), study.body());
        assertFalse(study.body().contains(SCRIPT), "the name never appears as markup");
        HttpResponse<String> missing = get("/studies/" + enc("<img src=x onerror=alert(1)>"));
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("no study &lt;img src=x onerror=alert(1)&gt; in"), missing.body());
        assertFalse(missing.body().contains("<img"), missing.body());
        for (String path : List.of("/", "/studies/pilot", "/trials/1", "/api/studies", "/assets/dashboard.js")) {
            HttpResponse<String> response = get(path);
            assertEquals(DashboardServer.CONTENT_SECURITY_POLICY,
                    response.headers().firstValue("Content-Security-Policy").orElseThrow(), path);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow(), path);
        }
    }

    @Test
    void onlyTheBundledAssetsAreServedAndNoPathOutsideThem() throws Exception {
        HttpResponse<String> uplot = get("/assets/uPlot.iife.min.js");
        assertEquals(200, uplot.statusCode());
        assertEquals("text/javascript;charset=utf-8", uplot.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(uplot.body().contains("uPlot"));
        assertTrue(get("/assets/uPlot-LICENSE.txt").body().contains("MIT License"));
        Files.writeString(dir.resolve("secret.txt"), "secret");
        for (String path : List.of("/assets/..%2f..%2fpom.xml", "/assets/..%2fdashboard%2fDashboardServer.class",
                "/assets/%2e%2e%2f%2e%2e%2fsecret.txt", "/assets/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
                "/..%2f..%2fetc%2fpasswd", "/assets/dashboard.js%00", "/assets/META-INF%2fMANIFEST.MF",
                "/assets/uPlot.min.css/..%2f..%2fpom.xml")) {
            String status = rawStatus(path);
            assertTrue(status.startsWith("HTTP/1.1 404") || status.startsWith("HTTP/1.1 400"), path + ": " + status);
        }
        assertEquals(404, get("/assets/secret.txt").statusCode());
    }

    @Test
    void onTheLoopbackOnlyRequestsAddressedToItAreAnswered() throws IOException {
        assertTrue(rawStatus("/api/studies", "localhost:" + server.port()).startsWith("HTTP/1.1 200"));
        assertTrue(rawStatus("/api/studies", "[::1]:" + server.port()).startsWith("HTTP/1.1 200"));
        // A page of another site whose name was rebound to 127.0.0.1 (DNS rebinding) sends its own name.
        assertTrue(rawStatus("/api/studies", "attacker.example:" + server.port()).startsWith("HTTP/1.1 403"));
        assertTrue(rawStatus("/", "127.attacker.example").startsWith("HTTP/1.1 403"));
    }

    @Test
    void loopbackNamesAreLocalhostAnd127SlashEightAndIpv6One() {
        assertTrue(DashboardServer.isLoopbackName("127.0.0.1:8765"));
        assertTrue(DashboardServer.isLoopbackName("127.1.2.3"));
        assertTrue(DashboardServer.isLoopbackName("LOCALHOST:80"));
        assertTrue(DashboardServer.isLoopbackName("[::1]:8765"));
        assertTrue(DashboardServer.isLoopbackName("::1"));
        assertFalse(DashboardServer.isLoopbackName("127.0.0.1.attacker.example"));
        assertFalse(DashboardServer.isLoopbackName("0.0.0.0"));
        assertFalse(DashboardServer.isLoopbackName(null));
    }

    /** The status line for a path sent exactly as written, which an HTTP client library would normalize first. */
    private String rawStatus(String path) throws IOException {
        return rawStatus(path, "127.0.0.1");
    }

    private String rawStatus(String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertFalse(response.contains("root:x:0:0") || response.contains("secret") || response.contains("<project"),
                    path + " served a file: " + response);
            return response.lines().findFirst().orElse("");
        }
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
