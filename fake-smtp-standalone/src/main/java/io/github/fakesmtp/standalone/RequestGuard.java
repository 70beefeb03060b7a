package io.github.fakesmtp.standalone;

import com.sun.net.httpserver.HttpExchange;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * What keeps a web page open in the developer's browser from clearing or scripting the server. The API sends no
 * CORS headers, so another origin's scripts cannot read its answers or send it anything but the "simple"
 * requests a form could send: GET, and POST with a form or text/plain body. So:
 *
 * <ul>
 *   <li>A POST must declare {@code Content-Type: application/json}, which a cross-origin page can only send
 *       after a CORS preflight that this server never approves. That stops a hidden form or a
 *       {@code fetch(..., {mode: "no-cors"})} from posting fault rules or creating servers.</li>
 *   <li>DELETE needs no body and no content type: a browser never sends it cross-origin without that same
 *       preflight, so plain {@code curl -X DELETE} keeps working.</li>
 *   <li>A state-changing request whose {@code Origin} is not this server's own is refused (403): browsers send
 *       Origin with every POST and DELETE, command-line clients send none.</li>
 *   <li>While the API listens on a loopback address, the {@code Host} header must name a loopback host
 *       (localhost, 127.x.x.x, [::1]). That defeats DNS rebinding, where a hostile domain re-resolves to
 *       127.0.0.1 to make its page same-origin with the API. Bound to another address (e.g. 0.0.0.0 in a
 *       container) the server was opened up on purpose, and any Host is accepted.</li>
 * </ul>
 */
final class RequestGuard {

    private final boolean loopbackOnly;

    RequestGuard(InetAddress bindAddress) {
        this.loopbackOnly = bindAddress.isLoopbackAddress();
    }

    void check(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (loopbackOnly && host != null && !isLoopbackName(hostName(host))) {
            throw Problem.of(403, "Host '" + host + "' is not a name of this machine; the API listens on a loopback "
                    + "address and answers to localhost, 127.0.0.1 or [::1] only (start it with --http-host to serve others)");
        }
        if (changesState(method)) {
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (origin != null && !sameOrigin(origin, host)) {
                throw Problem.of(403, "cross-origin " + method + " from " + origin + " refused: the API changes state only "
                        + "for requests from its own origin or from clients outside a browser");
            }
        }
        if (changesState(method) && !"DELETE".equals(method)) {
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
                throw Problem.of(415, "send the body as JSON with 'Content-Type: application/json'"
                        + (type == null ? " (the request had no Content-Type)" : ", not '" + type + "'"));
            }
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > Call.MAX_BODY_BYTES) {
            throw Call.tooLarge();
        }
    }

    private static boolean changesState(String method) {
        return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method) || "DELETE".equals(method);
    }

    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            String authority = uri.getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The host of a Host header: {@code [::1]:8025} gives {@code ::1}, {@code localhost:8025} gives {@code localhost}. */
    static String hostName(String header) {
        String host = header.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(1, end);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    static boolean isLoopbackName(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost") || host.equals("::1")) {
            return true;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String part : parts) {
            if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
