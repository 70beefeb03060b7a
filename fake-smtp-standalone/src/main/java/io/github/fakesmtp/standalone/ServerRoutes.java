package io.github.fakesmtp.standalone;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Isolated servers, the health check and the OpenAPI document. */
final class ServerRoutes {

    /** The API's description, shipped in the jar. */
    static final String OPENAPI_RESOURCE = "openapi.json";

    private final byte[] openApi;
    private final Capacity held;

    ServerRoutes(Capacity held) {
        this.openApi = openApiDocument();
        this.held = held;
    }

    static byte[] openApiDocument() {
        try (InputStream in = ServerRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void register(Router router) {
        router.add("GET", "/healthz", this::health)
                .add("GET", Router.API_PREFIX + "/openapi.json", this::openApi)
                .add("GET", Router.API_PREFIX + "/servers", this::list)
                .add("POST", Router.API_PREFIX + "/servers", this::create)
                .add("GET", Router.SERVER_PREFIX, this::get)
                .add("DELETE", Router.SERVER_PREFIX, this::delete);
    }

    /** 200 once SMTP and HTTP both accept: HTTP does, since it answers; SMTP is bound before HTTP starts. */
    private void health(Call call) throws IOException {
        call.query();
        Mailbox mailbox = call.mailboxes().defaultMailbox();
        ObjectNode json = Json.object();
        json.put("status", mailbox.isClosed() ? "stopping" : "ok");
        json.put("smtpHost", mailbox.server().host());
        json.put("smtpPort", mailbox.server().port());
        json.put("heldRequests", held.inUse());
        call.json(mailbox.isClosed() ? 503 : 200, json);
    }

    private void openApi(Call call) throws IOException {
        call.query();
        call.bytes(200, "application/json", openApi);
    }

    private void list(Call call) throws IOException {
        call.query();
        ArrayNode servers = Json.array();
        for (Mailbox mailbox : call.mailboxes().all()) {
            servers.add(view(mailbox));
        }
        ObjectNode json = Json.object();
        json.set("servers", servers);
        call.json(200, json);
    }

    /** {@code POST /api/v1/servers}: a fresh SMTP server on a port of its own, with the options in the body. */
    private void create(Call call) throws IOException {
        call.query();
        Mailbox mailbox = call.mailboxes().create(call.jsonBody());
        call.responseHeaders().set("Location", Router.API_PREFIX + "/servers/" + mailbox.id());
        call.json(201, view(mailbox));
    }

    private void get(Call call) throws IOException {
        call.query();
        call.json(200, view(call.mailbox()));
    }

    private void delete(Call call) throws IOException {
        call.query();
        call.mailboxes().delete(call.pathParameter("server"));
        call.noContent();
    }

    static ObjectNode view(Mailbox mailbox) {
        ObjectNode json = Json.object();
        json.put("id", mailbox.id());
        json.put("smtpHost", mailbox.server().host());
        json.put("smtpPort", mailbox.server().port());
        json.put("tls", mailbox.server().tlsMode().name());
        json.put("messageCount", mailbox.server().messageCount());
        json.put("faultCount", mailbox.server().faults().size());
        json.put("url", Router.API_PREFIX + "/servers/" + mailbox.id());
        json.put("messagesUrl", mailbox.basePath() + "/messages");
        json.put("faultsUrl", mailbox.basePath() + "/faults");
        json.put("eventsUrl", mailbox.basePath() + "/events");
        return json;
    }
}
