package cn.tongbei.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Selenium, without Selenium Manager (no downloads): the driver and browser
 * paths are fixed. Missing Chromium is a failure with the command that installs it, never a skip.
 */
public final class Browser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";

    private final WebDriver driver;
    private final WebDriverWait wait;
    private final String base;

    public Browser(int port) {
        this(port, new String[0]);
    }

    /** A browser with extra Chromium switches for one test (e.g. fake camera and microphone). */
    public Browser(int port, String... extraArguments) {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(DRIVER))) {
            throw new IllegalStateException("browser tests need Debian's Chromium: apt-get install -y chromium "
                    + "chromium-driver fonts-wqy-microhei (bash .ci/run installs them)");
        }
        System.setProperty("webdriver.chrome.driver", DRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1366,768", "--lang=zh-CN");
        options.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(DRIVER).toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        this.base = "http://127.0.0.1:" + port;
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    public WebElement testId(String id) {
        return find("[data-testid=\"" + id + "\"]");
    }

    public void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    public void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    public void select(WebElement select, String value) {
        new Select(select).selectByValue(value);
    }

    public void waitForText(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    /** Starts from the login page with no stored session, then logs in. */
    public void login(String username, String password) {
        logout();
        type(find("#login-username"), username);
        type(find("#login-password"), password);
        click("#login-submit");
        find("[data-nav=\"admin\"]");
    }

    /** Forgets any stored session and shows the login page (waits for it, so no navigation races). */
    public void logout() {
        open("/favicon.svg");
        script("localStorage.clear(); sessionStorage.clear();");
        open("/#/login");
        find("#login-username");
    }

    /** Saves a screenshot under target/e2e for people to look at. */
    public void screenshot(String name) {
        try {
            Path dir = Path.of("target", "e2e");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Object script(String js, Object... args) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(js, args);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
