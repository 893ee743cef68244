package casetrack.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pages in a real browser (Debian's chromium and chromedriver, headless), over both services
 * running as processes with the demo cases loaded by {@code command-side.jar demo}. Each page's
 * screenshot lands in {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static RunningSystem system;
    private static WebDriver browser;
    private static String site;

    @BeforeAll
    static void start() throws Exception {
        assertThat(CHROMIUM).as("chromium is installed by .ci/run (apt-get install chromium chromium-driver)").exists();
        assertThat(CHROMEDRIVER).as("chromedriver is installed by .ci/run").exists();
        system = new RunningSystem().startCommandSide().startQuerySide();
        site = "http://127.0.0.1:" + system.queryPort;

        RunningSystem.CommandLine demo = system.commandSideTool(List.of("demo"));
        assertThat(demo.exitStatus()).as(demo.output()).isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode page = system.getJson(system.queryPort, "/api/cases?size=50");
            return page != null && page.get("total").asInt() >= 5;
        });

        // Selenium Manager never runs: the driver and the browser are named, and nothing is downloaded
        System.setProperty("SE_AVOID_STATS", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createTempDirectory("casetrack-chromium"), "--window-size=1280,1600");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1280, 1600));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void theCaseListShowsTheDemoCasesAndSearchNarrowsIt() throws Exception {
        browser.get(site + "/");
        waitFor(By.cssSelector("tr[data-case='idaho-v-horiuchi']"));
        assertThat(rows()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(text("tr[data-case='fictional-state-v-pryor']")).contains("Overdue: removal deadline").contains("Immunity hearing");
        // after the trial started a missed removal window is history: no deadline runs, nothing is overdue
        assertThat(text("tr[data-case='fictional-state-v-keller']")).doesNotContain("Overdue").doesNotContain("removal deadline");
        assertThat(text("tr[data-case='idaho-v-horiuchi'] .badge")).isEqualTo("closed");
        screenshot("case-list");

        WebElement search = browser.findElement(By.id("search"));
        search.sendKeys("Ruby Ridge");
        browser.findElement(By.cssSelector("#filters button")).click();
        wait(10).until(d -> rows().size() == 1);
        assertThat(rows().get(0).getAttribute("data-case")).isEqualTo("idaho-v-horiuchi");
        screenshot("case-list-search");

        rows().get(0).findElement(By.tagName("a")).click();
        waitFor(By.cssSelector("#timeline li"));
        assertThat(browser.getCurrentUrl()).endsWith("/cases/idaho-v-horiuchi");
    }

    @Test
    @Order(2)
    void horiuchisTimelineShowsTheEnBancReversalAndTheDismissalWithSourcesAndHonestDates() throws Exception {
        browser.get(site + "/cases/idaho-v-horiuchi");
        waitFor(By.cssSelector("#timeline li"));
        String timeline = text("#timeline");
        assertThat(timeline).contains("Aug 1997").contains("day unknown").contains("disputed facts go to trial")
                .contains("the newly elected prosecutor drops the charge").contains("Sources differ on the date");
        // the appeal dated only "1998" reads after the ruling of 14 May 1998 it appeals
        assertThat(timeline.indexOf("state appealed")).isGreaterThan(timeline.indexOf("14 May 1998"));
        int reversal = timeline.indexOf("disputed facts go to trial");
        int dismissal = timeline.indexOf("the newly elected prosecutor drops the charge");
        assertThat(reversal).isLessThan(dismissal);
        assertThat(browser.findElements(By.cssSelector("#timeline a[href='https://www.metnews.com/articles/2001/ruby0606.htm']")))
                .isNotEmpty();
        assertThat(text("#timeline")).containsIgnoringCase("Federal circuit court").containsIgnoringCase("State court")
                .containsIgnoringCase("Federal district court");
        assertThat(text("#header")).contains("Lon Horiuchi").contains("FBI");
        screenshot("case-horiuchi");

        browser.get(site + "/cases/drury-v-lewis");
        waitFor(By.cssSelector("#timeline li"));
        assertThat(text("#timeline")).contains("1904").contains("month unknown").containsIgnoringCase("U.S. Supreme Court");
        screenshot("case-drury");
    }

    @Test
    @Order(3)
    void aCorrectedDateIsMarkedWithTheOriginalOneClickAway() throws Exception {
        browser.get(site + "/cases/fictional-state-v-keller");
        waitFor(By.cssSelector("#timeline details.correction"));
        WebElement correction = browser.findElement(By.cssSelector("#timeline details.correction"));
        assertThat(correction.getText()).doesNotContain("First recorded as");
        correction.findElement(By.tagName("summary")).click();
        assertThat(correction.getText()).contains("First recorded as: 18 Sep 2023").contains("jury selection");
        assertThat(text("#timeline")).contains("25 Sep 2023");
        screenshot("case-keller-correction");

        browser.get(site + "/cases/fictional-state-v-pryor");
        waitFor(By.cssSelector("#deadlines li"));
        assertThat(text("#deadlines")).contains("Overdue");
        assertThat(text("#upcoming")).contains("immunity hearing").contains("in 30 days");
        screenshot("case-pryor-ongoing");
    }

    @Test
    @Order(4)
    void theDashboardDrawsItsCharts() throws Exception {
        browser.get(site + "/dashboard");
        waitFor(By.cssSelector("#byStage svg"));
        for (String chart : List.of("byStage", "byState", "byAgency", "immunityRulings", "appealOutcomes", "durations", "calendar")) {
            assertThat(browser.findElements(By.cssSelector("#" + chart + " svg"))).as(chart).isNotEmpty();
        }
        assertThat(browser.findElement(By.cssSelector("#byState svg")).getAttribute("aria-label")).contains("ID: 1").contains("PA: 1");
        assertThat(text("#overdue")).contains("State v. Pryor (fictional)").doesNotContain("Keller");
        assertThat(text("#calendar")).contains("State v. Pryor (fictional)");
        screenshot("dashboard");
    }

    @Test
    @Order(5)
    void anEditorRecordsAStepThroughTheFormAndTheOpenCasePageUpdatesWithoutAReload() throws Exception {
        browser.get(site + "/cases/fictional-state-v-marlow");
        waitFor(By.cssSelector("#timeline li"));
        String casePage = browser.getWindowHandle();
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        int stepsBefore = browser.findElements(By.cssSelector("#timeline li")).size();

        browser.switchTo().newWindow(WindowType.TAB);
        browser.get(site + "/editor?case=fictional-state-v-marlow&command=RecordPublicStatement");
        waitFor(By.id("f-speaker"));
        browser.findElement(By.id("token")).sendKeys(RunningSystem.EDITOR_TOKEN);
        browser.findElement(By.id("saveToken")).click();

        // a step missing its required fields: the API's field errors appear beside the fields
        browser.findElement(By.id("f-sources")).clear();
        browser.findElement(By.id("record")).click();
        waitFor(By.cssSelector("#result .problem"));
        assertThat(text("#err-occurredOn")).isNotBlank();
        assertThat(text("#err-sources")).isNotBlank();
        screenshot("editor-field-errors");

        // a step the record refuses: the rule's sentence appears
        new Select(browser.findElement(By.id("command"))).selectByValue("RuleOnImmunity");
        waitFor(By.id("f-claimId"));
        type("f-claimId", "no-such-claim");
        new Select(browser.findElement(By.id("f-outcome"))).selectByValue("GRANTED");
        type("f-occurredOn", "2023-08-01");
        replace("f-sources", "[{\"url\": \"https://example.org/fictional/marlow/ruling\"}]");
        browser.findElement(By.id("record")).click();
        waitFor(By.cssSelector("#result .problem .rule"));
        assertThat(text("#result")).contains("no-such-claim").contains("Rule:");
        screenshot("editor-rule-refused");

        new Select(browser.findElement(By.id("command"))).selectByValue("RecordPublicStatement");
        waitFor(By.id("f-speaker"));
        type("f-speaker", "B. Quill (fictional)");
        type("f-role", "defense attorney");
        type("f-quote", "We will ask the state court to dismiss (fictional).");
        type("f-occurredOn", "2023-07-05");
        replace("f-sources", "[{\"url\": \"https://example.org/fictional/marlow/defense\", \"publisher\": \"Example Gazette (fictional)\"}]");
        browser.findElement(By.id("record")).click();
        waitFor(By.id("recorded-link"));
        screenshot("editor-recorded");

        browser.close();
        browser.switchTo().window(casePage);
        wait(20).until(d -> d.findElements(By.cssSelector("#timeline li")).size() == stepsBefore + 1);
        assertThat(text("#timeline")).contains("B. Quill (fictional)");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;")).isEqualTo(true);
        screenshot("case-marlow-live-update");
    }

    @Test
    @Order(6)
    void aCaseTimelineExportsAsCsvJsonAndMarkdownAndFeedsAnnounceSteps() throws Exception {
        browser.get(site + "/cases/idaho-v-horiuchi");
        waitFor(By.id("export-md"));
        String markdown = browser.findElement(By.id("export-md")).getAttribute("href");
        HttpResponse<String> md = system.get(system.queryPort, markdown.substring(site.length()), null);
        assertThat(md.headers().firstValue("Content-Type").orElse("")).startsWith("text/markdown");
        assertThat(md.body()).startsWith("## Idaho v. Horiuchi (Ruby Ridge)").contains("**Aug 1997**")
                .contains("[^1]: Associated Press, <https://apnews.com/7e3b606482c03d850c54847227ef2aec>")
                .contains("<https://www.cnn.com/2001/LAW/06/14/ruby.ridge.02/>");

        String csvLink = browser.findElement(By.id("export-csv")).getAttribute("href");
        HttpResponse<String> csv = system.get(system.queryPort, csvLink.substring(site.length()), null);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("date,precision,step,summary,note,date_conflict,corrected,sources\r\n")
                .contains("\"1997-08\",\"MONTH\",\"StateChargeFiled\"")
                .contains("https://www.spokesman.com/stories/1998/jan/13/ https://apnews.com/7e3b606482c03d850c54847227ef2aec");

        HttpResponse<String> json = system.get(system.queryPort, "/api/cases/idaho-v-horiuchi/export.json", null);
        assertThat(json.body()).contains("\"title\":\"Idaho v. Horiuchi (Ruby Ridge)\"").contains("\"steps\":[");

        HttpResponse<String> feed = system.get(system.queryPort, "/feeds/steps.atom", null);
        assertThat(feed.headers().firstValue("Content-Type").orElse("")).startsWith("application/atom+xml");
        assertThat(feed.body()).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">").contains("B. Quill (fictional)");
        HttpResponse<String> caseFeed = system.get(system.queryPort, "/feeds/cases/drury-v-lewis.atom", null);
        assertThat(caseFeed.body()).contains("United States ex rel. Drury v. Lewis").doesNotContain("Horiuchi");
        assertThat(system.get(system.queryPort, "/feeds/cases/no-such-case.atom", null).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(7)
    void bothServicesPublishTheirApiWithEveryCommand() throws Exception {
        JsonNode commands = system.getJson(system.commandPort, "/v3/api-docs");
        assertThat(commands.at("/paths/~1api~1cases~1{caseId}~1commands~1CorrectEntry/post")).isNotNull();
        assertThat(commands.at("/components/schemas/ReturnVerdict/properties/findings").isMissingNode()).isFalse();
        assertThat(commands.at("/components/schemas/OpenCase").isMissingNode()).isFalse();
        JsonNode queries = system.getJson(system.queryPort, "/v3/api-docs");
        assertThat(queries.at("/paths/~1api~1cases~1{caseId}~1timeline").isMissingNode()).isFalse();
        browser.get("http://127.0.0.1:" + system.commandPort + "/swagger-ui/index.html");
        waitFor(By.cssSelector(".swagger-ui .opblock"));
        screenshot("openapi-command-side");
    }

    @Test
    @Order(8)
    void loadingTheDemoAgainRecordsNothingNew() throws Exception {
        long before = system.getJson(system.queryPort, "/api/dashboard").get("lastGlobalIndex").asLong();
        RunningSystem.CommandLine again = system.commandSideTool(List.of("demo"));
        assertThat(again.exitStatus()).as(again.output()).isZero();
        assertThat(again.output()).contains("0 recorded");
        assertThat(system.getJson(system.queryPort, "/api/dashboard").get("lastGlobalIndex").asLong()).isEqualTo(before);
    }

    private static List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#cases tbody tr[data-case]"));
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private static void type(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private static void replace(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", input, value);
    }

    private static WebDriverWait wait(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    private static void waitFor(By locator) {
        wait(15).until(d -> !d.findElements(locator).isEmpty());
    }

    private static void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
