package io.github.fakesmtp.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.WebElement;

/**
 * Captured mail is untrusted. A hostile message — a script, an {@code onerror} handler, a {@code javascript:} link,
 * a form, a meta refresh, a frame, remote images, styles and fonts, and a subject that is markup — runs nothing and
 * loads nothing: every script would set {@code data-pwned} where it runs and call a canary server that counts
 * every request, and the canary hears only the control request this test makes itself.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InboxSafetyBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    private TestServer server;
    private InboxPage inbox;
    private HttpServer canary;
    private final List<String> canaryHits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start();
        inbox = new InboxPage(browser, server.api.base());
        canary = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        canary.createContext("/", exchange -> {
            String referer = exchange.getRequestHeaders().getFirst("Referer");
            canaryHits.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + (referer == null ? "" : " from " + referer));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        canary.start();
    }

    @AfterEach
    void stop() {
        canary.stop(0);
        server.close();
    }

    private String canaryUrl() {
        return "http://127.0.0.1:" + canary.getAddress().getPort();
    }

    @Test
    void aHostileMessageRunsNothingLoadsNothingAndItsSubjectIsShownAsText() throws Exception {
        inbox.open();
        new SampleMails(server.smtpPort()).hostile(canaryUrl());
        WebElement row = inbox.row(SampleMails.HOSTILE_SUBJECT);
        assertThat(row.findElements(By.tagName("img"))).as("the subject in the list is text").isEmpty();
        inbox.openMessage(SampleMails.HOSTILE_SUBJECT);
        WebElement subject = inbox.byId("m-subject");
        assertThat(subject.getText()).isEqualTo(SampleMails.HOSTILE_SUBJECT);
        assertThat(subject.findElements(By.xpath("./*"))).as("the subject in the view is one text node").isEmpty();

        inbox.enterHtmlFrame();
        assertThat(inbox.driver().findElement(By.id("greeting")).getText()).isEqualTo("You have won.");
        WebElement broken = inbox.driver().findElement(By.id("broken"));
        inbox.waiting().until(driver -> Boolean.TRUE.equals(inbox.script("return arguments[0].complete", broken)));
        inbox.driver().findElement(By.id("js-link")).click();
        inbox.driver().findElement(By.id("submit")).click();
        assertThat(inbox.driver().findElement(By.tagName("body")).getAttribute("data-pwned"))
                .as("no script ran in the mail's frame").isNull();
        assertThat(inbox.script("return document.location.pathname")).as("the frame still shows the mail")
                .asString().endsWith("/html");
        inbox.leaveFrame();
        assertThat(inbox.driver().getWindowHandles()).as("no window was opened").hasSize(1);
        assertThat(inbox.driver().findElement(By.tagName("body")).getAttribute("data-pwned"))
                .as("no script ran in the inbox page").isNull();
        assertThat(inbox.rows()).as("the mail could not delete itself through the API").hasSize(1);

        // Every load the frame and the page attempted has been refused by now: the frame's document is complete
        // (its images, styles and frames have been tried) and the clicks have been handled. Then a request of our
        // own proves that the canary does hear what reaches it.
        assertThat(canaryHits).as("requests the hostile mail made").isEmpty();
        browser.driver().get(canaryUrl() + "/control");
        inbox.waiting().until(driver -> !canaryHits.isEmpty());
        assertThat(canaryHits).containsExactly("GET /control");
    }

    @Test
    void aClickedLinkOpensInANewTabOutsideTheSandboxWithoutTheInboxAddress() throws Exception {
        inbox.open();
        new SampleMails(server.smtpPort()).link(canaryUrl() + "/confirm?token=42");
        inbox.openMessage("Confirm your address");
        String inboxWindow = inbox.driver().getWindowHandle();
        inbox.enterHtmlFrame();
        inbox.driver().findElement(By.id("confirm")).click();
        inbox.leaveFrame();
        inbox.waiting().until(driver -> driver.getWindowHandles().size() == 2);
        inbox.waiting().until(driver -> !canaryHits.isEmpty());
        assertThat(canaryHits).as("the link's own request, with no Referer").containsExactly("GET /confirm?token=42");
        assertThat(inbox.driver().getWindowHandle()).as("the inbox stays where it was").isEqualTo(inboxWindow);
        inbox.enterHtmlFrame();
        assertThat(inbox.script("return document.location.pathname")).asString().endsWith("/html");
    }

    @Test
    void thePageRefusesHtmlFromStringsAndScriptsOrImagesFromElsewhere() {
        inbox.open();
        assertThatThrownBy(() -> inbox.script("document.getElementById('m-subject').innerHTML = '<b>markup</b>'"))
                .as("Trusted Types: no string reaches innerHTML").isInstanceOf(JavascriptException.class)
                .hasMessageContaining("TrustedHTML");
        assertThatThrownBy(() -> inbox.script("document.createElement('script').src = 'data:text/javascript,1'"))
                .as("Trusted Types: no string becomes a script's URL").isInstanceOf(JavascriptException.class)
                .hasMessageContaining("TrustedScriptURL");
        Object outcome = ((org.openqa.selenium.JavascriptExecutor) inbox.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; const image = document.createElement('img');"
                + "image.onload = () => done('loaded'); image.onerror = () => done('refused');"
                + "image.src = '" + canaryUrl() + "/img'; document.body.append(image);");
        assertThat(outcome).as("img-src 'self': an image from elsewhere").isEqualTo("refused");
        assertThat(canaryHits).isEmpty();
    }
}
