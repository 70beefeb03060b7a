package io.github.fakesmtp.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.fakesmtp.FaultRule;
import io.github.fakesmtp.Rejection;
import io.github.fakesmtp.SmtpReply;
import java.io.IOException;

/** The routes of one server's fault rules and refused commands. */
final class FaultRoutes {

    void register(Router router) {
        router.addPerServer("GET", "/faults", this::list)
                .addPerServer("POST", "/faults", this::add)
                .addPerServer("DELETE", "/faults", this::clear)
                .addPerServer("GET", "/faults/{id}", this::get)
                .addPerServer("DELETE", "/faults/{id}", this::delete)
                .addPerServer("GET", "/rejections", this::rejections);
    }

    private void list(Call call) throws IOException {
        call.query();
        ObjectNode json = Json.object();
        json.set("faults", call.mailbox().faultViews());
        call.json(200, json);
    }

    /** Validates the whole rule first; only a rule the builder accepted is installed. */
    private void add(Call call) throws IOException {
        call.query();
        Mailbox mailbox = call.mailbox();
        JsonNode posted = call.jsonBody();
        FaultRule rule = FaultJson.read(posted, "");
        Mailbox.FaultEntry entry = mailbox.addFault(rule, posted);
        String url = mailbox.basePath() + "/faults/" + entry.id();
        call.responseHeaders().set("Location", url);
        call.json(201, FaultJson.view(entry.id(), entry.posted(), entry.fault(), mailbox.basePath()));
    }

    private void clear(Call call) throws IOException {
        call.query();
        call.mailbox().clearFaults();
        call.noContent();
    }

    private void get(Call call) throws IOException {
        call.query();
        Mailbox mailbox = call.mailbox();
        Mailbox.FaultEntry entry = mailbox.fault(call.pathParameter("id"));
        call.json(200, FaultJson.view(entry.id(), entry.posted(), entry.fault(), mailbox.basePath()));
    }

    private void delete(Call call) throws IOException {
        call.query();
        call.mailbox().removeFault(call.pathParameter("id"));
        call.noContent();
    }

    /** Every command the server refused, by its own checks or by a rule, oldest first. */
    private void rejections(Call call) throws IOException {
        call.query();
        ArrayNode array = Json.array();
        for (Rejection rejection : call.mailbox().server().rejections()) {
            ObjectNode json = Json.object();
            json.put("phase", rejection.phase().name());
            json.put("argument", rejection.command().argument());
            json.put("address", rejection.address());
            SmtpReply reply = rejection.reply();
            json.put("code", rejection.code());
            json.put("enhancedCode", reply == null ? null : reply.enhancedCode());
            json.put("text", reply == null ? null : reply.text());
            json.put("disconnected", reply == null);
            json.put("injected", rejection.injected());
            json.put("connectionIndex", rejection.command().connectionIndex());
            json.put("at", rejection.at().toString());
            json.put("description", rejection.toString());
            array.add(json);
        }
        ObjectNode json = Json.object();
        json.set("rejections", array);
        call.json(200, json);
    }
}
