package dev.psi.app.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.psi.app.Psi;
import dev.psi.core.result.TrialStatus;
import dev.psi.store.NewTrial;
import dev.psi.store.ResultStore;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in a real browser: Debian's headless Chromium, driven by Selenium through Debian's chromedriver,
 * watches a small study while it runs (one worker process) and sees its progress advance and a learning curve gain
 * points without a reload; a task named {@code <script>alert(1)</script>} is shown as text. Skipped, with the
 * reason, only where the packages {@code chromium} and {@code chromium-driver} are not installed ({@code
 * scripts/setup} installs them).
 *
 * <p>With {@code -Ddashboard.screenshot=FILE} it also writes a PNG of the finished study's page to FILE (README,
 * "Dashboard": how {@code docs/dashboard-study.png} is made).
 */
class DashboardBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void aRunningStudysProgressAndCurvesAdvanceWithoutReloadInChromium() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): apt-get install chromium chromium-driver, as scripts/setup does");
        Path db = dir.resolve("study.db");
        Path out = dir.resolve("report");
        try (ResultStore store = ResultStore.open(db.toString())) {
            store.catalog().ensureTask(SCRIPT, "{\"name\":\"" + SCRIPT + "\"}");
            store.catalog().ensureStudy("hostile", "evaluate");
            long id = store.trials().start(NewTrial.builder().study("hostile").task(SCRIPT).controller(SCRIPT)
                    .optimizer("SGD()").seed(1).epochs(1).batchSize(8).host("test:1").build());
            store.trials().finish(id, TrialStatus.FAILED, null, SCRIPT, 0.1);
        }
        try (DashboardServer server = DashboardServer.start(db.toString(), List.of(out), "127.0.0.1", 0,
                Clock.systemUTC())) {
            ChromeDriver browser = chromium();
            CompletableFuture<String> study = null;
            try {
                browser.get(server.url());
                waitFor("the studies page lists the stored study",
                        () -> !browser.findElements(By.cssSelector("tr[data-study='hostile']")).isEmpty());
                study = CompletableFuture.supplyAsync(() -> runStudy(db, out));
                waitFor("the study appears on the studies page without a reload",
                        () -> !browser.findElements(By.cssSelector("tr[data-study='live']")).isEmpty());
                browser.findElement(By.linkText("live")).click();
                ((JavascriptExecutor) browser).executeScript("window.psiNoReload = true;");
                waitFor("the study page shows its progress", () -> attribute(browser, "progress", "data-epochs-done") >= 0);
                int epochs = attribute(browser, "progress", "data-epochs-done");
                int points = attribute(browser, "curve-metric", "data-points");
                waitFor("the epochs done advance past " + epochs,
                        () -> attribute(browser, "progress", "data-epochs-done") > epochs);
                waitFor("the learning curves gain points past " + points,
                        () -> attribute(browser, "curve-metric", "data-points") > points);
                assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.psiNoReload;"),
                        "the page was updated in place, not reloaded");
                assertTrue(browser.findElement(By.id("state")).getText().matches("running|done"),
                        browser.findElement(By.id("state")).getText());

                String result = study.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                waitFor("the finished study shows its state and verdict",
                        () -> browser.findElement(By.id("state")).getText().equals("done")
                                && !browser.findElement(By.id("verdict")).getText().isEmpty());
                assertTrue(result.contains("verdict: " + browser.findElement(By.id("verdict")).getText()), result);
                waitFor("the report's results table appears",
                        () -> !browser.findElements(By.cssSelector("#report-results table")).isEmpty());
                screenshot(browser);

                browser.get(server.url() + "studies/hostile");
                waitFor("the hostile task's trial is listed",
                        () -> !browser.findElements(By.cssSelector("#trials td.task")).isEmpty());
                assertEquals(SCRIPT, browser.findElement(By.cssSelector("#trials td.task")).getText());
                browser.findElement(By.linkText("#1")).click();
                waitFor("the trial page shows its error",
                        () -> browser.getPageSource().contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
                assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert(),
                        "a task named " + SCRIPT + " runs nothing");
            } finally {
                browser.quit();
                if (study != null) {
                    study.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Runs the smallest study that still trains several trials of several epochs, in one worker process. */
    private static String runStudy(Path db, Path out) {
        StringWriter text = new StringWriter();
        var line = Psi.commandLine();
        line.setOut(new PrintWriter(text, true));
        line.setErr(new PrintWriter(text, true));
        int code = line.execute("study", "--tasks", "teacher-student", "--holdout", "noisy-quadratic", "--seeds", "1",
                "--methods", "constant,cosine", "--defaults", "textbook", "--labels", "greedy", "--workers", "1",
                "--name", "live", "--out", out.toString(), "--db", db.toString());
        if (code != 0) {
            throw new AssertionError("the study failed: " + text);
        }
        return text.toString();
    }

    /**
     * Headless Chromium through Debian's chromedriver, named explicitly so that Selenium Manager never looks for (or
     * downloads) another.
     */
    static ChromeDriver chromium() {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,2600", "--hide-scrollbars");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1400, 2600));
        return driver;
    }

    private void screenshot(ChromeDriver browser) throws Exception {
        String target = System.getProperty("dashboard.screenshot");
        if (target != null && !target.isBlank()) {
            // Let the charts draw their last poll.
            Thread.sleep(2500);
            Path file = Path.of(target);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        }
    }

    private static int attribute(ChromeDriver browser, String id, String name) {
        String value = browser.findElement(By.id(id)).getAttribute(name);
        return value == null || value.isEmpty() ? -1 : Integer.parseInt(value);
    }

    private static void waitFor(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out after " + PATIENCE + " waiting until " + what);
    }
}
