package io.github.fakesmtp.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One request to a route, and the ways to answer it. Every answer carries the same safety headers. */
final class Call {

    /** Request bodies above this are refused with 413: the API's bodies are small JSON documents. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final HttpExchange exchange;
    private final Map<String, String> pathParameters;
    private final Mailboxes mailboxes;
    private Map<String, String> query;

    Call(HttpExchange exchange, Map<String, String> pathParameters, Mailboxes mailboxes) {
        this.exchange = exchange;
        this.pathParameters = pathParameters;
        this.mailboxes = mailboxes;
    }

    HttpExchange exchange() {
        return exchange;
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String path() {
        return exchange.getRequestURI().getRawPath();
    }

    String pathParameter(String name) {
        return pathParameters.get(name);
    }

    /** The server the route is about: {@code {server}} in the path, or the default one for the short forms. */
    Mailbox mailbox() {
        String id = pathParameters.get("server");
        return id == null ? mailboxes.defaultMailbox() : mailboxes.get(id);
    }

    Mailboxes mailboxes() {
        return mailboxes;
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /**
     * The query parameters, each at most once; a name outside {@code known} is refused, so a typo such as
     * {@code sbject=} fails instead of being ignored.
     */
    Map<String, String> query(String... known) {
        if (query == null) {
            query = parseQuery(exchange.getRequestURI().getRawQuery());
        }
        Set<String> allowed = new TreeSet<>(Arrays.asList(known));
        for (String name : query.keySet()) {
            if (!allowed.contains(name)) {
                throw Problem.badField(name, "unknown query parameter '" + name + "'"
                        + (allowed.isEmpty() ? "; this resource takes none" : "; this resource takes " + allowed));
            }
        }
        return query;
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (parameters.putIfAbsent(name, value) != null) {
                throw Problem.badField(name, "query parameter '" + name + "' is given more than once");
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("the query holds a malformed %-escape: " + text);
        }
    }

    /** The request body as JSON, at most {@value #MAX_BODY_BYTES} bytes. */
    JsonNode jsonBody() throws IOException {
        return Json.parse(body());
    }

    /** RequestGuard has refused a declared length over the limit; this catches a chunked body that grows past it. */
    private byte[] body() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        InputStream in = exchange.getRequestBody(); // left open: after a 413 the rest is read and discarded
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            body.write(buffer, 0, n);
            if (body.size() > MAX_BODY_BYTES) {
                throw tooLarge();
            }
        }
        return body.toByteArray();
    }

    static Problem tooLarge() {
        return Problem.of(413, "the request body is larger than " + MAX_BODY_BYTES + " bytes (1 MiB)");
    }

    /**
     * Sets the headers every answer carries. A route may choose its own caching and referrer policy (the inbox's
     * files are cached and revalidated; its page sends its origin with its own requests) by setting them first.
     */
    static void secure(Headers headers) {
        headers.set("X-Content-Type-Options", "nosniff"); // a captured attachment is never sniffed into HTML
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
        setIfAbsent(headers, "Cache-Control", "no-store");
        setIfAbsent(headers, "Referrer-Policy", "no-referrer");
    }

    private static void setIfAbsent(Headers headers, String name, String value) {
        if (!headers.containsKey(name)) {
            headers.set(name, value);
        }
    }

    void json(int status, JsonNode body) throws IOException {
        bytes(status, "application/json", Json.bytes(body));
    }

    void problem(Problem problem) throws IOException {
        bytes(problem.status(), "application/problem+json", Json.bytes(problem.toJson(path())));
    }

    void noContent() throws IOException {
        withoutBody(204);
    }

    /** Answers {@code 304 Not Modified}: the client's copy of a file is current (RFC 9110 section 15.4.5). */
    void notModified() throws IOException {
        withoutBody(304);
    }

    private void withoutBody(int status) throws IOException {
        secure(exchange.getResponseHeaders());
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    void bytes(int status, String contentType, byte[] body) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        secure(headers);
        headers.set("Content-Type", contentType);
        boolean head = "HEAD".equals(method());
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    Headers responseHeaders() {
        return exchange.getResponseHeaders();
    }
}
