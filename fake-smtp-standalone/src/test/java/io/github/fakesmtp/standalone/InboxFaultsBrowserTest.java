package io.github.fakesmtp.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The faults panel in headless Chromium: rules with their fired counts, removing and adding them, refused commands. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InboxFaultsBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    private TestServer server;
    private InboxPage inbox;

    @BeforeEach
    void start() {
        server = TestServer.start();
        inbox = new InboxPage(browser, server.api.base());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<WebElement> ruleRows() {
        return inbox.driver().findElements(By.cssSelector("#rules-body tr"));
    }

    private String fired(String faultId) {
        return inbox.driver().findElement(By.cssSelector("#rules-body tr[data-fault='" + faultId + "'] .fired .pill")).getText();
    }

    /** A client that tries once: RCPT TO gets the rule's 451, twice, then the third attempt is accepted (RFC 5321 section 4.2.5). */
    private int attempt(String to) {
        try (Smtp smtp = Smtp.connect("127.0.0.1", server.smtpPort())) {
            assertThat(smtp.command("MAIL FROM:<app@example.com>")).isEqualTo(250);
            return smtp.command("RCPT TO:<" + to + ">");
        }
    }

    @Test
    void aPostedFaultRuleShowsUpWithItsFiredCountAndTheCommandsItRefused() {
        inbox.open();
        JsonNode rule = server.api.post("/api/v1/faults", "{\"phase\": \"RCPT\", \"times\": 2, \"reply\": {\"code\": 451, "
                + "\"enhancedCode\": \"4.7.1\", \"text\": \"Greylisted, try again later\"}}").expect(201);
        String id = rule.get("id").asText();
        inbox.waiting().until(ExpectedConditions.textToBe(By.id("faults-count"), "1"));
        inbox.byId("faults-button").click();
        inbox.waiting().until(driver -> ruleRows().size() == 1);
        assertThat(ruleRows().get(0).getText()).contains("RCPT", "451");
        assertThat(fired(id)).isEqualTo("0");
        assertThat(inbox.byId("rejections-empty").isDisplayed()).isTrue();
        assertThat(inbox.driver().getCurrentUrl()).endsWith("#/default/faults");

        assertThat(attempt("bob@example.com")).isEqualTo(451);
        inbox.waiting().until(driver -> fired(id).equals("1"));
        assertThat(attempt("bob@example.com")).isEqualTo(451);
        inbox.waiting().until(driver -> fired(id).equals("2"));
        assertThat(ruleRows().get(0).getText()).contains("used up");
        assertThat(attempt("bob@example.com")).isEqualTo(250);

        List<WebElement> refused = inbox.waiting().until(driver -> {
            List<WebElement> rows = inbox.driver().findElements(By.cssSelector("#rejections-body tr"));
            return rows.size() == 2 ? rows : null;
        });
        assertThat(refused).allSatisfy(row -> assertThat(row.getText())
                .contains("RCPT TO:<bob@example.com>", "451 4.7.1 Greylisted, try again later", "rule"));

        ruleRows().get(0).findElement(By.cssSelector("button[aria-label='Remove rule " + id + "']")).click();
        inbox.waiting().until(driver -> ruleRows().isEmpty());
        assertThat(inbox.byId("rules-empty").isDisplayed()).isTrue();
        assertThat(server.api.get("/api/v1/faults").expect(200).get("faults")).isEmpty();
        inbox.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("faults-count")));
    }

    @Test
    void aRuleAddedInThePanelIsInstalledAndARefusedOneSaysWhy() {
        inbox.open("#/default/faults");
        inbox.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("faults-view")));
        WebElement json = inbox.byId("fault-json");

        json.sendKeys("{\"phase\": \"EHLO\", \"reply\": {\"code\": 999, \"text\": \"no\"}}");
        inbox.byId("fault-add").click();
        WebElement error = inbox.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("fault-error")));
        assertThat(error.getText()).contains("999");
        assertThat(server.api.get("/api/v1/faults").expect(200).get("faults")).isEmpty();

        json.clear();
        json.sendKeys("{not json");
        inbox.byId("fault-add").click();
        inbox.waiting().until(ExpectedConditions.textMatches(By.id("fault-error"), java.util.regex.Pattern.compile("^Not JSON")));

        inbox.driver().findElement(By.xpath("//button[text()='Reject a recipient']")).click();
        assertThat(json.getAttribute("value")).contains("\"address\":\"bob@example.com\"");
        inbox.byId("fault-add").click();
        inbox.waiting().until(driver -> ruleRows().size() == 1);
        assertThat(inbox.byId("fault-error").isDisplayed()).isFalse();
        assertThat(json.getAttribute("value")).isEmpty();
        JsonNode installed = server.api.get("/api/v1/faults").expect(200).get("faults").get(0);
        assertThat(installed.get("address").asText()).isEqualTo("bob@example.com");
        assertThat(attempt("bob@example.com")).isEqualTo(550);
        assertThat(attempt("carol@example.com")).isEqualTo(250);

        inbox.byId("faults-clear").click();
        inbox.waiting().until(driver -> ruleRows().isEmpty());
        assertThat(server.api.get("/api/v1/faults").expect(200).get("faults")).isEmpty();
        inbox.byId("faults-close").click();
        inbox.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("faults-view")));
    }
}
