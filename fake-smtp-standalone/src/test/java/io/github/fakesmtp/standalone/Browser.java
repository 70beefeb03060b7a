package io.github.fakesmtp.standalone;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages, driven by Selenium: one
 * browser per test class ({@code @RegisterExtension static final Browser browser = new Browser();}), a fresh tab
 * per test, and a screenshot of every test under {@code target/browser-screenshots/<class>/<test>.png}, taken
 * right after the test, before its server is closed.
 *
 * <p>Selenium is given both the driver and the browser, so its Selenium Manager never looks for (or downloads)
 * either. A missing browser fails the tests in CI ({@code CI=true}, as {@code .ci/run} sets it), where the inbox
 * must be tested, and skips them elsewhere with the reason, like the interop tests' missing clients. Elsewhere
 * than Debian, point {@code -Dfake-smtp.chromium=...} and {@code -Dfake-smtp.chromedriver=...} at a
 * Chromium and its matching driver.
 */
final class Browser implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterTestExecutionCallback {

    static final Path CHROMIUM = Path.of(System.getProperty("fake-smtp.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("fake-smtp.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    static final Duration WAIT = Duration.ofSeconds(10);

    private ChromeDriver driver;
    private Path profile;
    private Path downloads;

    ChromeDriver driver() {
        return driver;
    }

    /** Where Chromium saves downloads; emptied before each test. */
    Path downloads() {
        return downloads;
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        for (Path executable : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(executable)) {
                String reason = executable + " is missing: the inbox's browser tests need Chromium and its driver "
                        + "(apt-get install chromium chromium-driver; elsewhere set -Dfake-smtp.chromium and "
                        + "-Dfake-smtp.chromedriver)";
                if ("true".equals(System.getenv("CI"))) {
                    fail(reason + "; CI must test the inbox in a browser");
                }
                Assumptions.abort(reason);
            }
        }
        profile = Files.createTempDirectory("fake-smtp-chromium");
        downloads = Files.createDirectories(profile.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--user-data-dir=" + profile.resolve("profile"),
                "--window-size=1280,800", "--force-device-scale-factor=1", "--lang=en-US", "--hide-scrollbars");
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false,
                "download.directory_upgrade", true,
                "safebrowsing.enabled", false,
                "intl.accept_languages", "en-US"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
        viewport(1280, 800);
    }

    /** Sets the page's viewport exactly, whatever the window's decorations. */
    void viewport(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Light or dark, as the system's theme would say through {@code prefers-color-scheme}. */
    void colorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** A fresh tab, light theme, no downloads: nothing of the previous test is left. */
    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        String old = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        String fresh = driver.getWindowHandle();
        for (String handle : driver.getWindowHandles()) {
            if (!handle.equals(fresh)) {
                driver.switchTo().window(handle).close();
            }
        }
        driver.switchTo().window(fresh);
        if (old.equals(fresh)) {
            throw new IllegalStateException("no new tab");
        }
        viewport(1280, 800);
        colorScheme("light");
        try (Stream<Path> files = Files.list(downloads)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        screenshot(context.getRequiredTestClass().getSimpleName(), context.getRequiredTestMethod().getName());
    }

    /** Saves what the page shows as {@code target/browser-screenshots/<folder>/<name>.png}; returns the file. */
    Path screenshot(String folder, String name) {
        try {
            driver.switchTo().defaultContent();
            Path file = SCREENSHOTS.resolve(folder).resolve(name + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException | UncheckedIOException e) {
                // Chromium may still be writing its profile as it exits; the folder is in the temp directory
            }
        }
    }
}
