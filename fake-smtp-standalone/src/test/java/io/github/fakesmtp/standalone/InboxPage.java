package io.github.fakesmtp.standalone;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The inbox as a person sees it in the browser: what is on the page, and what a click or a key does. */
final class InboxPage {

    private final Browser browser;
    private final String base;

    InboxPage(Browser browser, String base) {
        this.browser = browser;
        this.base = base;
    }

    WebDriver driver() {
        return browser.driver();
    }

    /** Waits up to {@link Browser#WAIT}; an element redrawn meanwhile is looked up again. */
    WebDriverWait waiting() {
        WebDriverWait wait = browser.waiting();
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Opens the page and waits until it follows the server's events. */
    InboxPage open() {
        return open("");
    }

    InboxPage open(String fragment) {
        driver().get(base + "/" + fragment);
        waitUntilLive();
        return this;
    }

    void waitUntilLive() {
        waiting().until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "live"));
    }

    WebElement byId(String id) {
        return driver().findElement(By.id(id));
    }

    List<WebElement> rows() {
        return driver().findElements(By.cssSelector("#message-list .row"));
    }

    /** The subjects in the list, top to bottom, read at one moment (the list is redrawn as mail arrives). */
    @SuppressWarnings("unchecked")
    List<String> subjects() {
        return (List<String>) script("return [...document.querySelectorAll('#message-list .row .row-subject')]"
                + ".map(subject => subject.textContent)");
    }

    /** Waits for exactly these subjects in the list, top to bottom. */
    void awaitSubjects(String... subjects) {
        List<String> expected = List.of(subjects);
        waiting().withMessage(() -> "the list shows " + expected + "; it shows " + subjects())
                .until(driver -> subjects().equals(expected));
    }

    WebElement row(String subject) {
        return waiting().until(driver -> (WebElement) script("return [...document.querySelectorAll('#message-list .row')]"
                + ".find(row => row.querySelector('.row-subject').textContent === arguments[0]) || null", subject));
    }

    /** Clicks the message and waits for its view. */
    void openMessage(String subject) {
        row(subject).click();
        waiting().until(ExpectedConditions.textToBe(By.id("m-subject"), subject));
    }

    String shownSubject() {
        return byId("m-subject").getText();
    }

    /** Chooses a tab of the message view and waits for its panel. */
    WebElement tab(String name) {
        byId("tab-" + name).click();
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("panel-" + name)));
    }

    /** Switches into the HTML frame once it has loaded its document; switch back with {@link #leaveFrame()}. */
    void enterHtmlFrame() {
        WebElement frame = byId("html-frame");
        waiting().until(driver -> frame.getAttribute("src") != null && frame.getAttribute("src").endsWith("/html"));
        driver().switchTo().frame(frame);
        waiting().until(driver -> "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
    }

    void leaveFrame() {
        driver().switchTo().defaultContent();
    }

    void search(String text) {
        WebElement search = byId("search");
        search.clear();
        if (!text.isEmpty()) {
            search.sendKeys(text);
        }
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver()).executeScript(script, arguments);
    }
}
