package io.github.fakesmtp.standalone;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A response that may be held open for minutes: a long poll or an event stream. A com.sun.net.httpserver
 * handler gets no sign that its client has gone, so while it waits the response sends a few bytes every
 * {@link HttpApi#HEARTBEAT} (a space before the JSON, a comment line in an event stream): once the client has
 * closed its end, the second write after that fails, and the wait ends within a few seconds instead of holding
 * a thread until its deadline. A long poll answered before its first heartbeat is a plain response with a
 * length; after it, the status (200) is sent and the JSON follows the spaces, in chunks.
 */
final class HeldResponse {

    private final Call call;
    private final String contentType;
    private OutputStream body;

    HeldResponse(Call call, String contentType) {
        this.call = call;
        this.contentType = contentType;
    }

    /** Sends the status and headers now; the body follows in chunks. */
    void commit() throws IOException {
        if (body == null) {
            HttpExchange exchange = call.exchange();
            Call.secure(exchange.getResponseHeaders());
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, 0);
            body = exchange.getResponseBody();
        }
    }

    boolean isCommitted() {
        return body != null;
    }

    /**
     * Writes and flushes {@code bytes}.
     *
     * @return false when the client has gone
     */
    boolean send(byte[] bytes) {
        try {
            commit();
            body.write(bytes);
            body.flush();
            return true;
        } catch (IOException clientGone) {
            return false;
        }
    }

    /** Ends the response with {@code json}: the whole response if nothing was sent yet, else its last chunk. */
    void finish(byte[] json) throws IOException {
        if (body == null) {
            call.bytes(200, contentType, json);
            return;
        }
        try (OutputStream out = body) {
            out.write(json);
        }
        call.exchange().close();
    }
}
