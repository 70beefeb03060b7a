package io.github.fakesmtp.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.fakesmtp.TlsMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web inbox in headless Chromium, against a standalone server in this JVM: mail sent over SMTP with Angus Mail
 * appears live, opens with its envelope and every tab, downloads byte for byte, and the list searches, clears,
 * switches servers and follows the arrow keys.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InboxBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    private TestServer server;
    private SampleMails mail;
    private InboxPage inbox;

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of(ServerOption.TLS, TlsMode.STARTTLS, ServerOption.USERS, List.of("app:s3cret")));
        mail = new SampleMails(server.smtpPort());
        inbox = new InboxPage(browser, server.api.base());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void mailSentOverSmtpAppearsInTheOpenPageWithoutReloadNewestFirst() throws Exception {
        inbox.open();
        assertThat(inbox.byId("list-empty").isDisplayed()).isTrue();
        assertThat(inbox.byId("list-empty-command").getText()).isEqualTo("swaks --server 127.0.0.1:" + server.smtpPort()
                + " --to bob@example.com");
        inbox.script("window.sameDocument = 'yes'");

        mail.welcome("bob@example.com");
        inbox.awaitSubjects("Welcome to Acme, confirm your address");
        mail.invoice();
        mail.shipped();
        inbox.awaitSubjects("Your order #1187 has shipped", "Rechnung für Zoë – Nr. 2024-0042", "Welcome to Acme, confirm your address");
        assertThat(inbox.script("return window.sameDocument")).as("the page was not reloaded").isEqualTo("yes");
        assertThat(inbox.byId("list-count").getText()).isEqualTo("3 messages");

        WebElement invoice = inbox.row("Rechnung für Zoë – Nr. 2024-0042");
        assertThat(invoice.findElement(By.className("row-from")).getText()).isEqualTo("billing@acme.example");
        assertThat(invoice.findElement(By.className("row-to")).getText()).isEqualTo("to zoe@example.com, accounts@example.com +1");
        assertThat(markers(invoice)).containsExactly("attachments", "auth");
        assertThat(invoice.findElement(By.cssSelector("[data-marker=attachments]")).getText()).isEqualTo("3");
        assertThat(markers(inbox.row("Your order #1187 has shipped"))).containsExactly("tls");
        assertThat(markers(inbox.row("Welcome to Acme, confirm your address"))).isEmpty();
    }

    private static List<String> markers(WebElement row) {
        return row.findElements(By.cssSelector("[data-marker]")).stream().map(marker -> marker.getAttribute("data-marker")).toList();
    }

    @Test
    void aMessageOpensWithItsEnvelopeBccIncludedItsHtmlWithInlineImagesItsTextHeadersAndTranscript() throws Exception {
        mail.invoice();
        inbox.open();
        inbox.openMessage("Rechnung für Zoë – Nr. 2024-0042");

        assertThat(inbox.byId("m-fields").getText()).contains("Acme Billing <billing@acme.example>", "zoe@example.com",
                "accounts@example.com", "help@acme.example");
        List<WebElement> chips = inbox.byId("m-envelope").findElements(By.className("chip"));
        assertThat(chips).extracting(WebElement::getText).containsExactly("billing@acme.example", "zoe@example.com",
                "accounts@example.com", "audit@acme.example\nBCC");
        assertThat(inbox.byId("m-envelope").findElements(By.cssSelector(".chip.bcc"))).extracting(WebElement::getText)
                .containsExactly("audit@acme.example\nBCC");
        assertThat(inbox.byId("m-session").getText()).contains("AUTH app", "No TLS");

        assertThat(inbox.byId("tab-html").getAttribute("aria-selected")).isEqualTo("true");
        assertThat(inbox.byId("html-note").isDisplayed()).as("the remote tracking pixel is blocked, and the page says so").isTrue();
        inbox.enterHtmlFrame();
        assertThat(inbox.driver().findElement(By.tagName("h2")).getText()).isEqualTo("Invoice 2024-0042");
        WebElement logo = inbox.driver().findElement(By.id("logo"));
        inbox.waiting().until(driver -> Boolean.TRUE.equals(inbox.script("return arguments[0].complete", logo)));
        assertThat(inbox.script("return arguments[0].naturalWidth", logo)).as("the cid: logo is shown").isEqualTo(120L);
        inbox.leaveFrame();

        assertThat(inbox.tab("text").findElement(By.id("text-body")).getText())
                .startsWith("Dear Zoë,").contains("the amount of €19.99 is due on 15 March.");
        WebElement headers = inbox.tab("headers");
        assertThat(headers.findElements(By.cssSelector("#headers-body th"))).extracting(WebElement::getText)
                .contains("From", "To", "Cc", "Reply-To", "Subject", "Message-ID").doesNotContain("Bcc");
        assertThat(headers.getText()).contains("Rechnung für Zoë – Nr. 2024-0042");
        String transcript = inbox.tab("smtp").findElement(By.id("transcript")).getText();
        assertThat(transcript).contains("C: MAIL FROM:<billing@acme.example>", "C: RCPT TO:<audit@acme.example>", "S: 235")
                .doesNotContain("s3cret");
    }

    @Test
    void attachmentsDownloadByteIdentical() throws Exception {
        mail.invoice();
        inbox.open();
        inbox.openMessage("Rechnung für Zoë – Nr. 2024-0042");
        WebElement panel = inbox.tab("attachments");
        assertThat(inbox.byId("attachment-count").getText()).isEqualTo("3");
        List<WebElement> items = panel.findElements(By.className("attachment"));
        assertThat(items).extracting(item -> item.findElement(By.className("attachment-name")).getText())
                .containsExactly("logo@acme.example", "invoice-2024-0042.csv", "usage-chart.png");

        items.get(1).findElement(By.linkText("Download")).click();
        assertThat(downloaded("invoice-2024-0042.csv")).isEqualTo(SampleMails.CSV);
        items.get(2).findElement(By.linkText("Download")).click();
        assertThat(downloaded("usage-chart.png")).isEqualTo(SampleMails.CHART);
    }

    /** Waits for Chromium to finish a download, and returns its bytes. */
    private byte[] downloaded(String name) throws Exception {
        Path file = browser.downloads().resolve(name);
        Path partial = browser.downloads().resolve(name + ".crdownload");
        inbox.waiting().withMessage(() -> name + " downloaded to " + browser.downloads())
                .until(driver -> Files.exists(file) && !Files.exists(partial));
        return Files.readAllBytes(file);
    }

    @Test
    void theRawTabShowsTheSourceAndDownloadsTheEmlByteIdentical() throws Exception {
        mail.invoice();
        inbox.open();
        inbox.openMessage("Rechnung für Zoë – Nr. 2024-0042");
        WebElement panel = inbox.tab("raw");
        inbox.waiting().until(ExpectedConditions.textMatches(By.id("raw-info"), java.util.regex.Pattern.compile("exactly as received")));
        byte[] raw = server.server.smtp().messages().get(0).rawBytes();
        assertThat(panel.findElement(By.id("raw-body")).getText()).contains("Subject: =?UTF-8?", "Content-Type: multipart/mixed;");
        JsonNode summary = server.api.get("/api/v1/messages").expect(200).get("messages").get(0);
        panel.findElement(By.id("raw-download")).click();
        assertThat(downloaded(summary.get("id").asText() + ".eml")).isEqualTo(raw);
    }

    @Test
    void searchNarrowsTheListBySenderRecipientAndSubject() throws Exception {
        mail.welcome("bob@example.com");
        mail.passwordReset("carol@example.org");
        mail.plain("alice@example.com", "bob@example.com", "Lunch on Friday?");
        inbox.open();
        inbox.awaitSubjects("Lunch on Friday?", "Reset your password", "Welcome to Acme, confirm your address");

        inbox.search("carol");
        inbox.awaitSubjects("Reset your password");
        assertThat(inbox.byId("list-count").getText()).isEqualTo("1 of 3 messages");
        inbox.search("ALICE@");
        inbox.awaitSubjects("Lunch on Friday?");
        inbox.search("welcome");
        inbox.awaitSubjects("Welcome to Acme, confirm your address");
        inbox.search("bob friday");
        inbox.awaitSubjects("Lunch on Friday?");
        inbox.search("nobody");
        inbox.awaitSubjects();
        assertThat(inbox.byId("list-empty-title").getText()).isEqualTo("Nothing matches “nobody”");
        inbox.byId("search").sendKeys(Keys.ESCAPE);
        inbox.awaitSubjects("Lunch on Friday?", "Reset your password", "Welcome to Acme, confirm your address");

        inbox.search("bob");
        mail.plain("dave@example.com", "bob@example.com", "Arrives while searching");
        mail.plain("dave@example.com", "erin@example.com", "Does not match");
        inbox.awaitSubjects("Arrives while searching", "Lunch on Friday?", "Welcome to Acme, confirm your address");
    }

    @Test
    void clearAllEmptiesTheListAndTheServer() throws Exception {
        mail.welcome("bob@example.com");
        mail.shipped();
        inbox.open();
        inbox.awaitSubjects("Your order #1187 has shipped", "Welcome to Acme, confirm your address");
        inbox.openMessage("Welcome to Acme, confirm your address");

        inbox.byId("clear-button").click();
        WebElement dialog = inbox.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("clear-dialog")));
        assertThat(dialog.getText()).contains("All 2 messages on the default server");
        inbox.byId("clear-cancel").click();
        inbox.waiting().until(ExpectedConditions.invisibilityOf(dialog));
        assertThat(inbox.rows()).hasSize(2);

        inbox.byId("clear-button").click();
        inbox.waiting().until(ExpectedConditions.elementToBeClickable(By.id("clear-confirm"))).click();
        inbox.awaitSubjects();
        assertThat(inbox.byId("list-empty-title").getText()).isEqualTo("No messages yet");
        assertThat(inbox.byId("message-view").isDisplayed()).isFalse();
        assertThat(server.api.get("/api/v1/messages").expect(200).get("messages")).isEmpty();

        mail.plain("alice@example.com", "bob@example.com", "After the clear");
        inbox.awaitSubjects("After the clear");
    }

    @Test
    void aMessageDeletedHereOrByAnotherClientLeavesTheList() throws Exception {
        mail.plain("a@example.com", "bob@example.com", "Keep");
        mail.plain("b@example.com", "bob@example.com", "Delete with the button");
        mail.plain("c@example.com", "bob@example.com", "Deleted by a test script");
        inbox.open();
        inbox.awaitSubjects("Deleted by a test script", "Delete with the button", "Keep");

        inbox.openMessage("Delete with the button");
        inbox.byId("m-delete").click();
        inbox.awaitSubjects("Deleted by a test script", "Keep");
        awaitShown("Keep"); // the next one down is opened
        assertThat(server.server.smtp().messages()).extracting(io.github.fakesmtp.ReceivedMessage::subject)
                .containsExactly("Keep", "Deleted by a test script");

        String id = server.api.get("/api/v1/messages?subject=script").expect(200).get("messages").get(0).get("id").asText();
        server.api.delete("/api/v1/messages/" + id).expect(204);
        inbox.awaitSubjects("Keep");
    }

    @Test
    void arrowKeysMoveThroughTheListAndTheMessageFollows() throws Exception {
        mail.plain("a@example.com", "bob@example.com", "First");
        mail.plain("b@example.com", "bob@example.com", "Second");
        mail.plain("c@example.com", "bob@example.com", "Third");
        inbox.open();
        inbox.awaitSubjects("Third", "Second", "First");

        inbox.byId("message-list").sendKeys(Keys.ARROW_DOWN);
        awaitShown("Third");
        inbox.byId("message-list").sendKeys(Keys.ARROW_DOWN);
        awaitShown("Second");
        inbox.byId("message-list").sendKeys(Keys.ARROW_DOWN);
        awaitShown("First");
        inbox.byId("message-list").sendKeys(Keys.ARROW_DOWN);
        awaitShown("First"); // the end of the list
        inbox.byId("message-list").sendKeys(Keys.ARROW_UP);
        awaitShown("Second");
        assertThat(inbox.row("Second").getAttribute("aria-selected")).isEqualTo("true");
        assertThat(inbox.byId("message-list").getAttribute("aria-activedescendant")).isEqualTo(inbox.row("Second").getAttribute("id"));
        inbox.byId("message-list").sendKeys(Keys.HOME);
        awaitShown("Third");

        inbox.byId("message-list").sendKeys("/");
        assertThat(inbox.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("search");
        inbox.byId("search").sendKeys("sec", Keys.ENTER);
        awaitShown("Second");

        inbox.byId("message-list").sendKeys(Keys.DELETE);
        inbox.waiting().until(driver -> server.server.smtp().messages().size() == 2);
    }

    private void awaitShown(String subject) {
        inbox.waiting().until(ExpectedConditions.textToBe(By.id("m-subject"), subject));
    }

    @Test
    void theSelectorSwitchesToAnIsolatedServerAndBackWhenItIsDeleted() throws Exception {
        mail.plain("alice@example.com", "bob@example.com", "On the default server");
        inbox.open();
        inbox.awaitSubjects("On the default server");
        assertThat(inbox.byId("server-select").isDisplayed()).isFalse();
        assertThat(inbox.byId("smtp-address").getText()).isEqualTo("SMTP 127.0.0.1:" + server.smtpPort());

        JsonNode isolated = server.api.post("/api/v1/servers", "{}").expect(201);
        String id = isolated.get("id").asText();
        WebElement select = inbox.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("server-select")));
        new org.openqa.selenium.support.ui.Select(select).selectByValue(id);
        inbox.waitUntilLive();
        inbox.awaitSubjects();
        new SampleMails(isolated.get("smtpPort").asInt()).plain("carol@example.org", "dave@example.com", "On the isolated server");
        inbox.awaitSubjects("On the isolated server");
        assertThat(inbox.driver().getCurrentUrl()).endsWith("#/" + id);
        inbox.openMessage("On the isolated server");

        server.api.delete("/api/v1/servers/" + id).expect(204);
        inbox.awaitSubjects("On the default server");
        assertThat(inbox.byId("toast").getText()).isEqualTo("Server " + id + " was deleted; showing the default server.");
        inbox.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("server-select")));
    }
}
