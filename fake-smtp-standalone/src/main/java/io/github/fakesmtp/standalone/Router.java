package io.github.fakesmtp.standalone;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The table of routes: method, path template ({@code /api/v1/messages/{id}}) and handler. Routes that concern one
 * server are registered once and answer at two paths: {@code /api/v1/servers/{server}/...} and, for the server
 * started from the command line, the short form {@code /api/v1/...}. {@link #routes()} is what the OpenAPI test
 * checks the document against, so no route can exist undocumented: every route is either {@link #isApi API}
 * (under {@code /api/} or {@code /healthz}), and described, or one of the web inbox's files, which are not.
 */
final class Router {

    /** Where the per-server routes live; the short forms drop this prefix and mean {@value Mailboxes#DEFAULT}. */
    static final String SERVER_PREFIX = "/api/v1/servers/{server}";
    static final String API_PREFIX = "/api/v1";

    /** A handler of one route. */
    @FunctionalInterface
    interface Handler {
        void handle(Call call) throws java.io.IOException;
    }

    /** One method at one path template. */
    record Route(String method, String template, Handler handler) {

        /** @return the path parameters, or null when {@code segments} do not fit the template */
        Map<String, String> match(List<String> segments) {
            List<String> parts = split(template);
            if (parts.size() != segments.size()) {
                return null;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < parts.size(); i++) {
                String part = parts.get(i);
                if (part.startsWith("{")) {
                    parameters.put(part.substring(1, part.length() - 1), segments.get(i));
                } else if (!part.equals(segments.get(i))) {
                    return null;
                }
            }
            return parameters;
        }
    }

    /** A route found for a request, with its path parameters. */
    record Match(Route route, Map<String, String> parameters) {
    }

    private final List<Route> routes = new ArrayList<>();

    /** Adds a route at exactly {@code template}. */
    Router add(String method, String template, Handler handler) {
        routes.add(new Route(method, template, handler));
        return this;
    }

    /** Adds a route of one server: at {@code /api/v1/servers/{server}} + {@code path}, and at {@code /api/v1} + {@code path}. */
    Router addPerServer(String method, String path, Handler handler) {
        add(method, SERVER_PREFIX + path, handler);
        return add(method, API_PREFIX + path, handler);
    }

    /** Whether a template is part of the API, which the OpenAPI document describes; the rest is the inbox's files. */
    static boolean isApi(String template) {
        return template.startsWith("/api/") || template.equals("/healthz");
    }

    /** Every route, short forms included. */
    List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * Finds the route for a request.
     *
     * @throws Problem 404 when no template fits the path, 405 (naming the allowed methods) when one fits but
     *     not for this method
     */
    Match match(String method, String rawPath) {
        List<String> segments = decodedSegments(rawPath);
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> parameters = route.match(segments);
            if (parameters == null) {
                continue;
            }
            if (route.method().equals(method) || ("HEAD".equals(method) && "GET".equals(route.method()) && headAllowed(route))) {
                return new Match(route, parameters);
            }
            allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
            throw Problem.of(404, "no such resource: " + rawPath + " (the API is described at /api/v1/openapi.json; "
                    + "the inbox is at /)");
        }
        throw new MethodNotAllowed(method, allowed);
    }

    /** HEAD only where the answer is short and fixed: a health check probe. */
    private static boolean headAllowed(Route route) {
        return route.template().equals("/healthz");
    }

    private static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/", -1)) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }

    private static List<String> decodedSegments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String part : split(rawPath)) {
            try {
                segments.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException badEscape) {
                throw Problem.badRequest("the path holds a malformed %-escape: " + rawPath);
            }
        }
        return segments;
    }

    /** 405, with the methods that the path does allow for the {@code Allow} header (RFC 9110 section 15.5.6). */
    static final class MethodNotAllowed extends RuntimeException {
        final Problem problem;
        final String allow;

        MethodNotAllowed(String method, TreeSet<String> allowed) {
            super(null, null, false, false);
            this.allow = String.join(", ", allowed);
            this.problem = Problem.of(405, method + " is not allowed here; allowed: " + allow);
        }
    }
}
