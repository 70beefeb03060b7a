package io.github.fakesmtp.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakesmtp.TlsMode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * How the inbox looks: readable in the light and the dark system theme (text contrast measured against what is
 * behind it), usable at 1280 × 800, and the screenshots the README shows, taken with realistic mail.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InboxLayoutBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    /** WCAG 2 AA for body text. */
    private static final double MIN_CONTRAST = 4.5;
    /** The text a reader relies on, in the list, the message head, the tabs and the buttons. */
    private static final List<String> TEXT = List.of(".row-from", ".row-subject", ".row-time", ".row-to", ".row-size",
            ".marker", "#list-count", "#m-subject", ".fields dt", ".fields dd", ".envelope-label", ".envelope-verb", ".chip",
            ".chip-tag", ".badge.ok", ".tab[aria-selected=true]", ".tab[aria-selected=false]", ".button", ".smtp-address",
            ".live", ".brand-name");

    /** The contrast ratio of an element's text with the first opaque background behind it (WCAG 2). */
    private static final String CONTRAST = """
            const element = arguments[0];
            const rgba = (color) => { const v = color.match(/[\\d.]+/g).map(Number); return v.length === 3 ? [...v, 1] : v; };
            let behind = element, background = null;
            while (behind && !background) {
              const color = rgba(getComputedStyle(behind).backgroundColor);
              if (color[3] > 0.5) { background = color; }
              behind = behind.parentElement;
            }
            background = background || [255, 255, 255, 1];
            const luminance = (c) => { const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255;
              return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
              return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
            const text = luminance(rgba(getComputedStyle(element).color)), back = luminance(background);
            return (Math.max(text, back) + 0.05) / (Math.min(text, back) + 0.05);
            """;

    private TestServer server;
    private SampleMails mail;
    private InboxPage inbox;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(Map.of(ServerOption.TLS, TlsMode.STARTTLS, ServerOption.USERS, List.of("app:s3cret")));
        mail = new SampleMails(server.smtpPort());
        inbox = new InboxPage(browser, server.api.base());
        mail.plain("Grace Hopper <grace@example.org>", "team@example.com", "Team lunch on Friday?");
        mail.welcome("bob@example.com");
        mail.passwordReset("bob@example.com");
        mail.plain("Acme Reports <reports@acme.example>", "ops@example.com", "Weekly usage report: 1,204 active users");
        mail.shipped();
        mail.plain("Acme Security <security@acme.example>", "zoe@example.com", "New sign-in to your account from Firefox on Linux");
        mail.invoice();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void openInvoice() {
        inbox.open();
        inbox.openMessage("Rechnung für Zoë – Nr. 2024-0042");
        inbox.enterHtmlFrame();
        inbox.leaveFrame();
    }

    /** Each view, with the text it shows besides the list and the message head. */
    private static final Map<String, List<String>> VIEWS = Map.of(
            "html", List.of("#html-note"),
            "text", List.of("#text-body"),
            "headers", List.of("#headers-body th", "#headers-body td", ".headers-table thead th"),
            "raw", List.of("#raw-body", "#raw-info"),
            "attachments", List.of(".attachment-name", ".attachment .muted", ".attachment .button"),
            "smtp", List.of(".transcript .client", ".transcript .server", ".transcript .server .who", "#panel-smtp .muted"),
            "faults", List.of(".card h2", ".phase", ".rule-text", ".fired .pill", ".link-button", ".examples .muted",
                    "#rejections-body code", ".code.perm", ".rejections-table thead th"));

    private void assertReadable(List<String> selectors, String scheme) {
        for (String selector : selectors) {
            var elements = inbox.driver().findElements(By.cssSelector(selector));
            assertThat(elements).as("%s is on the page", selector).isNotEmpty();
            double contrast = ((Number) inbox.script(CONTRAST, elements.get(0))).doubleValue();
            assertThat(contrast).as("contrast of %s in the %s theme", selector, scheme).isGreaterThanOrEqualTo(MIN_CONTRAST);
        }
    }

    @Test
    void everyViewIsReadableInTheLightAndTheDarkTheme() {
        server.api.post("/api/v1/faults", "{\"phase\": \"RCPT\", \"address\": \"nobody@example.com\", \"reply\": "
                + "{\"code\": 550, \"enhancedCode\": \"5.1.1\", \"text\": \"No such user\"}}").expect(201);
        try (Smtp smtp = Smtp.connect("127.0.0.1", server.smtpPort())) {
            assertThat(smtp.command("MAIL FROM:<app@example.com>")).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<nobody@example.com>")).isEqualTo(550);
        }
        openInvoice();
        for (String scheme : List.of("light", "dark")) {
            browser.colorScheme(scheme);
            double page = (Double) inbox.script("const [r, g, b] = getComputedStyle(document.body).backgroundColor"
                    + ".match(/\\d+/g).map(Number); return (r + g + b) / 765;");
            assertThat(page).as("the %s page's background", scheme).isBetween(scheme.equals("light") ? 0.9 : 0.0,
                    scheme.equals("light") ? 1.0 : 0.15);
            for (String view : List.of("html", "text", "headers", "raw", "attachments", "smtp", "faults")) {
                if (view.equals("faults")) {
                    inbox.byId("faults-button").click();
                    inbox.waiting().until(driver -> !driver.findElements(By.cssSelector("#rejections-body code")).isEmpty());
                } else {
                    inbox.tab(view);
                    if (view.equals("raw")) {
                        inbox.waiting().until(ExpectedConditions.textMatches(By.id("raw-info"), Pattern.compile("as received")));
                    }
                    assertReadable(TEXT, scheme);
                }
                assertReadable(VIEWS.get(view), scheme);
                browser.screenshot(getClass().getSimpleName(), view + "-" + scheme);
            }
            inbox.byId("faults-close").click();
            inbox.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("message-view")));
        }
    }

    @Test
    void everythingFitsA1280By800Screen() {
        openInvoice();
        assertThat(inbox.script("return [window.innerWidth, window.innerHeight]")).isEqualTo(List.of(1280L, 800L));
        assertThat(inbox.script("return document.documentElement.scrollWidth <= window.innerWidth"
                + " && document.documentElement.scrollHeight <= window.innerHeight")).as("the page itself never scrolls").isEqualTo(true);
        for (String id : List.of("search", "faults-button", "clear-button", "m-download", "m-delete", "tab-smtp", "html-frame")) {
            @SuppressWarnings("unchecked")
            Map<String, Number> box = (Map<String, Number>) inbox.script("const r = arguments[0].getBoundingClientRect();"
                    + "return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};", inbox.byId(id));
            assertThat(box.get("left").doubleValue()).as("%s starts on screen", id).isGreaterThanOrEqualTo(0);
            assertThat(box.get("right").doubleValue()).as("%s ends on screen", id).isLessThanOrEqualTo(1280);
            assertThat(box.get("bottom").doubleValue()).as("%s is on screen", id).isLessThanOrEqualTo(800);
        }
        assertThat(((Number) inbox.script("return arguments[0].getBoundingClientRect().height", inbox.byId("html-frame"))).doubleValue())
                .as("the HTML body gets room").isGreaterThan(320);
        assertThat(inbox.rows()).hasSize(7).allSatisfy(row -> assertThat(row.isDisplayed()).isTrue());
        assertThat(((Number) inbox.script("return arguments[0].getBoundingClientRect().bottom", inbox.rows().get(6))).doubleValue())
                .as("seven messages fit the list without scrolling").isLessThanOrEqualTo(800);
    }

    /** The README's screenshots: copy them to docs/ when the inbox's look changes. */
    @Test
    void screenshotsForTheReadme() {
        openInvoice();
        browser.screenshot("readme", "inbox");
        browser.colorScheme("dark");
        browser.screenshot("readme", "inbox-dark");
        assertThat(Browser.SCREENSHOTS.resolve("readme").resolve("inbox.png")).isNotEmptyFile();
    }
}
