package routes.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import routes.app.RunningSyncHub;
import routes.platform.TestDatabases;
import routes.storefront.ControllableStorefront;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard in real headless Chromium (Debian's chromium + chromedriver) against a running SyncHub. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static ControllableStorefront store;
    private static RunningSyncHub app;
    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "Debian's chromium and chromium-driver are not installed (/usr/bin/chromium, /usr/bin/chromedriver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why + ": .ci/run installs them");
            }
            Assumptions.abort(why + ": the browser tests are skipped (apt-get install chromium chromium-driver)");
        }
        store = new ControllableStorefront();
        app = RunningSyncHub.start(Map.of(
                "synchub.storefront.base-url", store.baseUrl(),
                "synchub.storefront.token", "browser-test-token",
                "synchub.storefront.retry.max-attempts", "1",
                "synchub.timezone", "UTC",
                "synchub.scheduler.tick-cron", "0 0 0 1 1 ? 2099"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1400",
                "--user-data-dir=" + TestDatabases.tempDir());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        // the page re-renders every few seconds: an element found a moment ago may be gone, so look again
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        browser.get(app.url("/"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private static WebElement tile(String task) {
        return browser.findElement(By.cssSelector(".tile[data-task='" + task + "']"));
    }

    /** The run history rows' text, read in one go (the table is replaced on every refresh). */
    private static java.util.List<String> runRows() {
        String text = (String) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.querySelector('#runs tbody').innerText");
        return text == null ? java.util.List.of() : java.util.List.of(text.split("\\n"));
    }

    private static void waitForTileState(String task, String state) {
        wait.until(d -> state.equals(tile(task).getDomAttribute("data-state")));
    }

    @Test
    @Order(1)
    void aTileRendersForEveryTaskAndTheScreenshotIsSaved() throws Exception {
        JsonNode tasks = app.getJson("/api/v1/tasks");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".tile"), tasks.size()));
        for (JsonNode task : tasks) {
            assertThat(tile(task.path("id").asText()).getText()).contains(task.path("id").asText());
        }
        Object timing = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "const n = performance.getEntriesByType('navigation')[0];"
                + "const bytes = performance.getEntriesByType('resource').reduce((s, r) => s + r.decodedBodySize, n.decodedBodySize);"
                + "return 'dashboard: ' + bytes + ' bytes (page + scripts + styles + first API answers), load event at '"
                + " + Math.round(n.loadEventEnd) + ' ms, DOM ready at ' + Math.round(n.domContentLoadedEventEnd) + ' ms';");
        System.out.println(timing);
        Path shot = Path.of("target", "dashboard.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(shot)).isPositive();
    }

    @Test
    @Order(2)
    void changingAScheduleFromTheClockMenuChangesTheNextRunShown() {
        String before = tile("stock").findElement(By.cssSelector(".next-run")).getDomAttribute("data-next");
        tile("stock").findElement(By.cssSelector(".clock-btn")).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("schedule-dialog")));
        dialog.findElement(By.cssSelector("input[name=type][value=daily]")).click();
        WebElement at = dialog.findElement(By.cssSelector("input[name=at]"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = '23:59'", at);
        dialog.findElement(By.id("save-schedule")).click();

        wait.until(d -> {
            String next = tile("stock").findElement(By.cssSelector(".next-run")).getDomAttribute("data-next");
            return next != null && next.endsWith("T23:59:00Z") && !next.equals(before);
        });
        assertThat(tile("stock").findElement(By.cssSelector(".schedule")).getText()).isEqualTo("daily at 23:59");
    }

    @Test
    @Order(3)
    void runNowShowsARunningTileThenANewHistoryRow() {
        // stock reads the back office, then its follow-up stock-push is held by the storefront until released
        store.hold();
        tile("stock").findElement(By.cssSelector(".run-btn")).click();

        waitForTileState("stock-push", "running");
        // the held push has claimed its first batch: its progress shows on the tile while it runs
        wait.until(d -> tile("stock-push").getText().contains("items so far"));
        assertThat(runRows()).noneMatch(r -> r.contains("stock-push") && r.contains("800 / 800 / 0"));
        store.release();

        wait.until(d -> runRows().stream()
                .anyMatch(r -> r.contains("stock-push") && r.contains("follow-up") && r.contains("800 / 800 / 0")));
        waitForTileState("stock-push", "idle");
    }

    @Test
    @Order(4)
    void aFailedRunShowsItsError() {
        // the back office changes, and the storefront answers 503 to the push that follows
        app.context().getRegistry().lookupByNameAndType("sandboxBackOffice", routes.sandbox.SandboxBackOffice.class).simulateOnce();
        store.fail();
        tile("stock").findElement(By.cssSelector(".run-btn")).click();

        waitForTileState("stock-push", "failed");
        assertThat(tile("stock-push").findElement(By.cssSelector(".error-line")).getText()).contains("503");
        store.release();
    }

    @Test
    @Order(5)
    void pauseThenResumeInventoryFromTheDashboardHoldsThenSendsTheChanges() throws Exception {
        WebElement row = browser.findElement(By.cssSelector("#pauses tr[data-type='inventory']"));
        row.findElement(By.cssSelector("button.toggle")).click();
        wait.until(d -> "paused".equals(browser.findElement(By.cssSelector("#pauses tr[data-type='inventory'] .pause-state")).getText()));
        assertThat(pauseOf("inventory").path("paused").asBoolean()).as("the REST API agrees").isTrue();

        for (int i = 1; i <= 3; i++) {
            app.send("POST", "/api/v1/stock/adjustments",
                    "{\"sku\":\"SBX-00" + i + "-B2\",\"quantity\":" + (700 + i) + ",\"mode\":\"absolute\",\"location\":\"MAIN\"}");
        }
        // the dashboard shows what the REST API counts (the failed push of the test before left changes pending too)
        long held = pauseOf("inventory").path("heldChanges").asLong();
        assertThat(held).isGreaterThanOrEqualTo(3);
        wait.until(d -> String.valueOf(held).equals(browser.findElement(By.cssSelector("#pauses tr[data-type='inventory'] .held")).getText()));
        browser.findElement(By.cssSelector("#pauses tr[data-type='inventory'] button.preview")).click();
        wait.until(d -> browser.findElement(By.id("preview")).getText().contains("SBX-003-B2"));

        browser.findElement(By.cssSelector("#pauses tr[data-type='inventory'] button.toggle")).click();
        wait.until(d -> "syncing".equals(browser.findElement(By.cssSelector("#pauses tr[data-type='inventory'] .pause-state")).getText()));
        assertThat(pauseOf("inventory").path("paused").asBoolean()).isFalse();
        wait.until(d -> "0".equals(browser.findElement(By.cssSelector("#pauses tr[data-type='inventory'] .held")).getText()));
    }

    @Test
    @Order(6)
    void theDriftPanelShowsTheReportsCount() throws Exception {
        long count = app.getJson("/api/v1/drift").path("count").asLong();
        wait.until(d -> (count + " levels").equals(browser.findElement(By.id("drift-count")).getText()));
        browser.findElement(By.id("drift-preview")).click();
        wait.until(d -> browser.findElement(By.id("drift-plan")).getText().startsWith("A repair would send 0 level(s)"));
    }

    private static JsonNode pauseOf(String type) throws Exception {
        for (JsonNode p : app.getJson("/api/v1/pauses")) {
            if (type.equals(p.path("entityType").asText())) {
                return p;
            }
        }
        throw new AssertionError("no pause entry for " + type);
    }
}
