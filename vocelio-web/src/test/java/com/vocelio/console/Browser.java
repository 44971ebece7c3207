package com.vocelio.console;

import com.vocelio.testing.Api;
import com.vocelio.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, never a downloaded driver) on the
 * application under test. A machine without them fails the console tests at once, saying what to install; it never
 * skips them. Screenshots go to {@code target/console-screenshots/}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("vocelio.it.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("vocelio.it.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    /** Where the browser saves what a page makes it download (exports). */
    static final Path DOWNLOADS = Path.of("target", "console-downloads").toAbsolutePath();

    static final Duration WAIT = Duration.ofSeconds(10);

    final ChromeDriver driver;
    private final Path profile;
    /** The application the browser opens paths of: the suite's node unless a test started another. */
    private final java.net.URI base;

    /**
     * Browsers a test has closed, cleared and ready for the next one: a start of Chromium and its driver costs the
     * suite a second or two of its two cores each time, for every console test. Quit when the JVM exits.
     */
    private static final java.util.Deque<Started> IDLE = new java.util.ArrayDeque<>();

    private record Started(ChromeDriver driver, Path profile) {}

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (IDLE) {
                IDLE.forEach(Browser::quit);
                IDLE.clear();
            }
        }));
    }

    Browser() {
        this(TestServer.get().baseUri());
    }

    Browser(java.net.URI base) {
        this.base = base;
        Started started;
        synchronized (IDLE) {
            started = IDLE.pollFirst();
        }
        if (started == null) {
            started = start();
        }
        driver = started.driver();
        profile = started.profile();
    }

    private static Started start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("The console tests need Chromium and its driver at " + CHROMIUM + " and "
                    + DRIVER + ": apt-get install -y chromium chromium-driver (.ci/run does this)");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-quic",
                        "--no-first-run",
                        "--window-size=1400,1000",
                        "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        options.setExperimentalOption(
                "prefs",
                java.util.Map.of(
                        "download.default_directory", DOWNLOADS.toString(), "download.prompt_for_download", false));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Started(driver, profile);
    }

    /** Opens a path of the application under test. */
    Browser open(String path) {
        driver.get(base.resolve(path).toString());
        return this;
    }

    /** Signs in through the sign-in page (wherever the browser was sent) with the suite's password. */
    Browser signIn(String email) {
        return signIn(email, Api.PASSWORD);
    }

    Browser signIn(String email, String password) {
        open("/console/sign-in.xhtml");
        type(By.id("signIn:email"), email);
        type(By.id("signIn:password"), password);
        click(By.id("signIn:submit"));
        return this;
    }

    WebElement find(By by) {
        return await(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void type(By by, String text) {
        WebElement field = find(by);
        // select and overwrite, as a person does: clear() leaves formatted number inputs (AutoNumeric) as they were
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(text);
    }

    /** Clicks the element once it is clickable, finding it again when an Ajax update replaced it meanwhile. */
    void click(By by) {
        await(d -> {
            if (!ajaxIdle()) {
                return false; // a click while an Ajax update is under way may land on what it replaces
            }
            try {
                WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
                if (element == null) {
                    return false;
                }
                element.click();
                return true;
            } catch (StaleElementReferenceException replaced) {
                return false;
            }
        });
    }

    /** Whether PrimeFaces has no Ajax request queued or running (true on pages without PrimeFaces). */
    boolean ajaxIdle() {
        return Boolean.TRUE.equals(driver.executeScript(
                "return !window.PrimeFaces || !PrimeFaces.ajax || PrimeFaces.ajax.Queue.isEmpty();"));
    }

    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    /** The element's text, read again when a live update replaced the element between finding and reading it. */
    String text(By by) {
        return await(d -> {
            try {
                return find(by).getText();
            } catch (StaleElementReferenceException replaced) {
                return null;
            }
        });
    }

    /**
     * Types into a table's column filter and waits until the table was filtered: PrimeFaces sends the filter after its
     * delay (300 ms), and a click on the table before its answer lands on rows it then replaces.
     */
    void filter(By field, String text) {
        type(field, text);
        try {
            Thread.sleep(600);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        await(d -> ajaxIdle());
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    /** What the page's scripts logged (errors included), for a failure's message. */
    String consoleLog() {
        var lines = new StringBuilder();
        driver.manage().logs().get("browser").forEach(entry -> lines.append(entry.getLevel())
                .append(' ')
                .append(entry.getMessage())
                .append('\n'));
        return lines.toString();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Hands the browser to the next test as a new one would be: no dialog, one window on a blank page, no cookies, no
     * cache, nothing in the pages' storage, the page log read. A browser that cannot be brought there is quit instead.
     */
    @Override
    public void close() {
        if (cleared()) {
            synchronized (IDLE) {
                IDLE.push(new Started(driver, profile));
            }
        } else {
            quit(new Started(driver, profile));
        }
    }

    private boolean cleared() {
        try {
            try {
                driver.switchTo().alert().dismiss();
            } catch (org.openqa.selenium.NoAlertPresentException none) {
                // as it should be
            }
            if (driver.getWindowHandles().size() != 1) {
                return false;
            }
            if (driver.getCurrentUrl().startsWith("http")) {
                driver.executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
            }
            driver.get("about:blank");
            driver.executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
            driver.executeCdpCommand("Network.clearBrowserCache", java.util.Map.of());
            driver.manage().logs().get("browser");
            return ((java.util.List<?>) driver.executeCdpCommand("Network.getAllCookies", java.util.Map.of())
                            .get("cookies"))
                    .isEmpty();
        } catch (RuntimeException broken) {
            return false;
        }
    }

    private static void quit(Started started) {
        try {
            started.driver().quit();
        } catch (RuntimeException alreadyGone) {
            // quit anyway
        }
        try (var files = Files.walk(started.profile())) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind costs nothing
        }
    }
}
