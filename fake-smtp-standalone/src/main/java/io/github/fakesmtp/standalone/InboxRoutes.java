package io.github.fakesmtp.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * The web inbox: static HTML, CSS and JavaScript shipped in the jar, served at {@code /} and {@code /inbox/...}
 * on the HTTP port. It is a client of the API like any other and has no route of its own under
 * {@code /api/}; the OpenAPI document describes the API, not these files.
 *
 * <p>The page is served under a strict {@link #PAGE_POLICY policy}: scripts and styles from this origin only, no
 * inline script, no eval, and Trusted Types required, so a string can never reach {@code innerHTML}: whatever a
 * captured message holds is shown as text. Captured HTML is shown in a sandboxed frame from
 * {@code .../messages/{id}/html}, under that route's own policy. Each file is read once, and answered with an
 * {@code ETag} and {@code Cache-Control: no-cache}: a browser keeps it and asks whether it changed, so a new jar
 * is never shown with an old script.
 */
final class InboxRoutes {

    /** Where the files are, next to this class in the jar. */
    static final String RESOURCE_FOLDER = "inbox/";
    /** The page, served at {@code /}. */
    static final String PAGE = "index.html";
    /** The other files, served at {@code /inbox/<name>}. */
    static final List<String> FILES = List.of("inbox.css", "inbox.js", "dom.js", "format.js", "message-view.js",
            "faults-view.js", "api.js", "icon.svg");
    static final String FILES_PATH = "/inbox/";

    /**
     * The page's policy. {@code connect-src 'self'} lets it read the API and its event stream, {@code frame-src
     * 'self'} keeps the mail frame on this origin (a link inside it cannot navigate the frame elsewhere),
     * {@code frame-ancestors 'none'} keeps other sites from framing the clear-all button.
     */
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
            + "require-trusted-types-for 'script'; trusted-types 'none'";

    private record File(String contentType, byte[] body, String etag) {
    }

    void register(Router router) {
        File page = load(PAGE);
        router.add("GET", "/", call -> serve(call, page, true));
        for (String name : FILES) {
            File file = load(name);
            router.add("GET", FILES_PATH + name, call -> serve(call, file, false));
        }
    }

    private static File load(String name) {
        try (InputStream in = InboxRoutes.class.getResourceAsStream(RESOURCE_FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE_FOLDER + name + " is missing from the jar");
            }
            byte[] body = in.readAllBytes();
            return new File(contentType(name), body, etag(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String contentType(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "svg" -> "image/svg+xml";
            default -> throw new IllegalArgumentException("no content type for " + name);
        };
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void serve(Call call, File file, boolean page) throws IOException {
        var headers = call.responseHeaders();
        headers.set("Cache-Control", "no-cache");
        headers.set("ETag", file.etag());
        if (page) {
            headers.set("Content-Security-Policy", PAGE_POLICY);
            headers.set("X-Frame-Options", "DENY");
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
            // The page's own POST and DELETE requests must carry its Origin, which RequestGuard checks; under
            // no-referrer a browser would send "Origin: null". Other sites still learn nothing.
            headers.set("Referrer-Policy", "same-origin");
        }
        if (matches(call.header("If-None-Match"), file.etag())) {
            call.notModified();
        } else {
            call.bytes(200, file.contentType(), file.body());
        }
    }

    /** {@code If-None-Match} (RFC 9110 section 13.1.2): a list of tags, or {@code *}; weak tags compare too. */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*") || candidate.equals(etag) || candidate.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
