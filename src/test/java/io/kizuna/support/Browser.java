package io.kizuna.support;

import java.io.File;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Debian's chromedriver (never a downloaded browser). Missing binaries fail the
 * test with a clear message; {@code -Dkizuna.browserTests=false} skips browser tests on purpose.
 */
public final class Browser implements AutoCloseable {
    private static final String CHROMIUM = System.getProperty("kizuna.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("kizuna.chromedriver", "/usr/bin/chromedriver");
    public final WebDriver driver;
    private final String base;

    public Browser(String base, String language) {
        Assumptions.assumeFalse("false".equals(System.getProperty("kizuna.browserTests")), "browser tests switched off");
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--window-size=1280,900", "--lang=" + language);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.base = base;
    }

    public void open(String path) {
        driver.get(path.startsWith("http") ? path : base + path);
    }

    public WebElement find(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    public void type(String css, String text) {
        var e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    public void click(String css) {
        clickable(css).click();
    }

    /**
     * Clicks a form's button and waits until the page it was on is gone (the submission's answer has loaded): a wait
     * for a path passes at once when the answer lands on the path the form was already on.
     */
    public void submit(String css) {
        var button = clickable(css);
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> gone(button));
    }

    /**
     * Whether an element has left the page. Chromium answers a question about an element of a page being replaced
     * with a plain "does not belong to the document" error rather than a stale-element one, which Selenium's own
     * staleness check lets through: either means the old page is gone.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.WebDriverException replaced) {
            return true;
        }
    }

    private WebElement clickable(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
    }

    /** Signs in through the log-in page with the password every test member has. */
    public void signIn(String email) {
        open("/login");
        type("#email", email);
        type("#password", "correct-horse-1");
        click("form[action='/login'] button[type=submit]");
        // "/" would already match the log-in page itself: wait until the browser has left it
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.getCurrentUrl().startsWith(base + "/login"));
    }

    /** From the cart: checkout with a Tokyo address and bank transfer, up to the 特定商取引法 confirmation page. */
    public void checkoutToConfirmation() {
        click("#to-checkout");
        type("#name", "山田 花子");
        type("#postalCode", "150-0001");
        new org.openqa.selenium.support.ui.Select(find("#prefecture")).selectByVisibleText("東京都");
        type("#city", "渋谷区神宮前");
        type("#line1", "1-2-3");
        type("#phone", "03-1234-5678");
        click("input[value='bank_transfer']");
        click("#to-confirm");
    }

    public void waitForPath(String pathPrefix) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().startsWith(base + pathPrefix));
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
