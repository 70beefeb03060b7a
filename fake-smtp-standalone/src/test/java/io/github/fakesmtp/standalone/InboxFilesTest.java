package io.github.fakesmtp.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The inbox's files over HTTP, and what makes them safe before a browser runs them: content types, caching, the
 * page's policy, no inline script or style, no HTML built from strings; and the HTML view the inbox frames.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InboxFilesTest {

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of(ServerOption.USERS, List.of("app:s3cret")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void thePageIsServedAtTheRootUnderAStrictPolicy() {
        Api.Response page = server.api.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        String policy = page.header("Content-Security-Policy");
        assertThat(policy).isEqualTo(InboxRoutes.PAGE_POLICY)
                .contains("default-src 'none'", "script-src 'self';", "style-src 'self';", "connect-src 'self'",
                        "frame-src 'self'", "frame-ancestors 'none'", "require-trusted-types-for 'script'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "data:", "*", "http");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(page.header("ETag")).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(page.text()).contains("<title>fake-smtp inbox</title>");
        assertThat(server.api.get("/?utm=1").status()).as("a query does not break the page").isEqualTo(200);
    }

    @Test
    void everyFileHasItsTypeAndIsRevalidatedByItsTag() {
        for (String name : InboxRoutes.FILES) {
            Api.Response file = server.api.get(InboxRoutes.FILES_PATH + name);
            assertThat(file.status()).as(name).isEqualTo(200);
            assertThat(file.header("Content-Type")).as(name).isEqualTo(InboxRoutes.contentType(name));
            assertThat(file.header("Cache-Control")).as(name).isEqualTo("no-cache");
            assertThat(file.header("X-Content-Type-Options")).isEqualTo("nosniff");
            String tag = file.header("ETag");
            Api.Response unchanged = server.api.send(HttpRequest.newBuilder(server.api.uri(InboxRoutes.FILES_PATH + name))
                    .header("If-None-Match", "\"other\", " + tag).GET());
            assertThat(unchanged.status()).as(name).isEqualTo(304);
            assertThat(unchanged.body()).isEmpty();
            assertThat(unchanged.header("ETag")).isEqualTo(tag);
            Api.Response changed = server.api.send(HttpRequest.newBuilder(server.api.uri(InboxRoutes.FILES_PATH + name))
                    .header("If-None-Match", "\"an-older-version\"").GET());
            assertThat(changed.status()).isEqualTo(200);
        }
        assertThat(server.api.get("/inbox/missing.js").problem(404).get("detail").asText()).contains("the inbox is at /");
        assertThat(server.api.get("/inbox/../openapi.json").status()).isEqualTo(404);
        assertThat(server.api.delete("/").status()).isEqualTo(405);
    }

    @Test
    void everyFileInTheFolderIsServedAndNothingElse() throws IOException, URISyntaxException {
        Path folder = Path.of(InboxRoutes.class.getResource(InboxRoutes.RESOURCE_FOLDER).toURI());
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(file -> names.add(file.getFileName().toString()));
        }
        List<String> served = new ArrayList<>(InboxRoutes.FILES);
        served.add(InboxRoutes.PAGE);
        assertThat(names).containsExactlyInAnyOrderElementsOf(served);
    }

    private static String resource(String name) throws IOException {
        try (var in = InboxRoutes.class.getResourceAsStream(InboxRoutes.RESOURCE_FOLDER + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void thePageHasNoInlineScriptNoInlineStyleAndLoadsOnlyItsOwnFiles() throws IOException {
        Document page = Jsoup.parse(resource(InboxRoutes.PAGE));
        assertThat(page.select("script")).isNotEmpty().allSatisfy(script -> {
            assertThat(script.attr("src")).startsWith(InboxRoutes.FILES_PATH);
            assertThat(script.data()).isBlank();
        });
        assertThat(page.select("style")).isEmpty();
        for (Element element : page.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                assertThat(attribute.getKey()).as("on %s", element.tagName()).doesNotStartWith("on").isNotEqualTo("style");
            }
        }
        for (Element link : page.select("[src], link[href]")) {
            String url = link.hasAttr("src") ? link.attr("src") : link.attr("href");
            assertThat(url).startsWith(InboxRoutes.FILES_PATH);
            assertThat(InboxRoutes.FILES).contains(url.substring(InboxRoutes.FILES_PATH.length()));
        }
    }

    @Test
    void theScriptsNeverParseStringsAsHtmlOrCode() throws IOException {
        for (String name : InboxRoutes.FILES) {
            if (!name.endsWith(".js")) {
                continue;
            }
            String script = resource(name);
            assertThat(script).as(name).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                    "eval(", "new Function", "srcdoc", "DOMParser", "createContextualFragment");
            // every import is one of the inbox's own files
            java.util.regex.Matcher imports = java.util.regex.Pattern.compile("from '\\./([^']+)'").matcher(script);
            while (imports.find()) {
                assertThat(InboxRoutes.FILES).as("imported by %s", name).contains(imports.group(1));
            }
        }
    }

    @Test
    void theHtmlViewInlinesCidImagesAndOpensLinksInANewTab() throws Exception {
        new SampleMails(server.smtpPort()).invoice();
        String id = server.api.get("/api/v1/messages").expect(200).get("messages").get(0).get("id").asText();
        Api.Response html = server.api.get("/api/v1/messages/" + id + "/html");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.header("Content-Security-Policy")).isEqualTo(MessageRoutes.HTML_POLICY).contains("img-src data:;");
        Document document = Jsoup.parse(html.text());
        Element base = document.head().child(0);
        assertThat(base.tagName()).isEqualTo("base");
        assertThat(base.attributes().asList()).extracting(Attribute::getKey).containsExactly("target");
        assertThat(base.attr("target")).isEqualTo("_blank");
        assertThat(document.getElementById("logo").attr("src"))
                .isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(SampleMails.LOGO));
        assertThat(document.select("img[src^=https:]")).as("a remote image stays as sent; the policy blocks it").hasSize(1);
        assertThat(server.api.get("/api/v1/messages/" + id).expect(200).get("html").asText())
                .as("the detail keeps the body as sent").contains("src=\"cid:logo@acme.example\"");
        assertThat(server.api.get("/api/v1/messages/" + id).expect(200).get("attachments").get(0).get("contentId").asText())
                .isEqualTo("logo@acme.example");
    }
}
