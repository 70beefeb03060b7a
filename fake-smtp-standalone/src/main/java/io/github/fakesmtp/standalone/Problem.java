package io.github.fakesmtp.standalone;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the API refuses, answered as RFC 9457 {@code application/problem+json}: the status, what is wrong
 * and how to fix it, and the {@code field} (JSON path, query parameter or header) or {@code id} at fault.
 */
final class Problem extends RuntimeException {

    private final int status;
    private final String field;
    private final String id;

    private Problem(int status, String detail, String field, String id) {
        super(detail, null, false, false);
        this.status = status;
        this.field = field;
        this.id = id;
    }

    /** 400: a field, query parameter or header holds a bad value. */
    static Problem badField(String field, String detail) {
        return new Problem(400, detail, field, null);
    }

    /** 400 without a field, e.g. a body that is not JSON at all. */
    static Problem badRequest(String detail) {
        return new Problem(400, detail, null, null);
    }

    /** 404 for an id that names nothing. */
    static Problem unknownId(String detail, String id) {
        return new Problem(404, detail, null, id);
    }

    /** Any other status, e.g. 405, 413, 415, 429 or 503. */
    static Problem of(int status, String detail) {
        return new Problem(status, detail, null, null);
    }

    int status() {
        return status;
    }

    String field() {
        return field;
    }

    /** The problem document; {@code instance} is the request path. */
    ObjectNode toJson(String instance) {
        ObjectNode json = Json.object();
        json.put("type", "about:blank");
        json.put("title", title(status));
        json.put("status", status);
        json.put("detail", getMessage());
        json.put("instance", instance);
        if (field != null) {
            json.put("field", field);
        }
        if (id != null) {
            json.put("id", id);
        }
        return json;
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> "Error " + status;
        };
    }
}
