package io.github.fakesmtp.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.fakesmtp.FaultRule;
import io.github.fakesmtp.InjectedFault;
import io.github.fakesmtp.SmtpPhase;
import io.github.fakesmtp.SmtpReply;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Fault rules as JSON, in the words of {@link FaultRule.Builder}:
 *
 * <pre>
 * {"phase": "END_OF_DATA", "times": 2, "reply": {"code": 451, "enhancedCode": "4.3.0", "text": "Try again later"}}
 * {"phase": ["MAIL", "RCPT"], "address": "bob@example.com", "disconnect": true}
 * {"phase": "DATA", "disconnect": {"afterBytes": 100}}
 * {"phase": "RCPT", "domain": "example.org", "after": "PT0.5S", "delay": "PT2S"}
 * </pre>
 *
 * When: {@code phase} (one or several), {@code times}, {@code address}, {@code domain}, {@code user},
 * {@code matching} (a regular expression), {@code probability} with {@code seed}, {@code after}; then exactly
 * one of {@code reply}, {@code delay} and {@code disconnect}. The builder validates every value; what it refuses
 * is reported with the field it came from, and nothing is installed.
 */
final class FaultJson {

    private FaultJson() {
    }

    static FaultRule read(JsonNode node, String path) {
        JsonFields fields = JsonFields.of(node, path);
        FaultRule.Builder<FaultRule> rule = on(fields);
        Integer times = fields.integer("times");
        if (times != null) {
            apply(fields.path("times"), () -> rule.times(times));
        }
        String address = fields.string("address");
        if (address != null) {
            rule.matching(address);
        }
        String domain = fields.string("domain");
        if (domain != null) {
            rule.matchingDomain(domain);
        }
        String user = fields.string("user");
        if (user != null) {
            rule.forUser(user);
        }
        String regex = fields.string("matching");
        if (regex != null) {
            apply(fields.path("matching"), () -> rule.matchingRegex(regex));
        }
        Double probability = fields.number("probability");
        Long seed = fields.longValue("seed");
        if (probability != null) {
            apply(fields.path("probability"), () -> rule.withProbability(probability, seed == null ? 0 : seed));
        } else if (seed != null) {
            throw Problem.badField(fields.path("seed"), "seed goes with probability; without probability a rule is not random");
        }
        Duration after = fields.duration("after");
        if (after != null) {
            apply(fields.path("after"), () -> rule.after(after));
        }
        FaultRule built = then(fields, rule);
        fields.rejectOthers();
        return built;
    }

    private static FaultRule.Builder<FaultRule> on(JsonFields fields) {
        List<String> names = fields.strings("phase");
        if (names == null || names.isEmpty()) {
            throw Problem.badField(fields.path("phase"), fields.path("phase") + " is required: one of "
                    + Arrays.toString(SmtpPhase.values()) + ", or an array of them");
        }
        SmtpPhase[] phases = new SmtpPhase[names.size()];
        for (int i = 0; i < phases.length; i++) {
            phases[i] = ServerOption.constant(SmtpPhase.class, names.get(i));
            if (phases[i] == null) {
                throw Problem.badField(fields.path("phase"), "unknown phase '" + names.get(i) + "'; the phases are "
                        + Arrays.toString(SmtpPhase.values()));
            }
        }
        return FaultRule.on(phases[0], Arrays.copyOfRange(phases, 1, phases.length));
    }

    private static FaultRule then(JsonFields fields, FaultRule.Builder<FaultRule> rule) {
        JsonNode reply = fields.get("reply");
        Duration delay = fields.duration("delay");
        JsonNode disconnect = fields.get("disconnect");
        int actions = (reply == null ? 0 : 1) + (delay == null ? 0 : 1) + (disconnect == null ? 0 : 1);
        if (actions != 1) {
            throw Problem.badField(fields.path(actions == 0 ? "reply" : "disconnect"), "a rule takes exactly one of reply, delay and "
                    + "disconnect" + (actions == 0 ? "" : ", not " + actions));
        }
        if (reply != null) {
            SmtpReply smtpReply = reply(JsonFields.of(reply, fields.path("reply")));
            return apply(fields.path("reply.code"), () -> rule.reply(smtpReply)); // only the code can be refused here
        }
        if (delay != null) {
            return apply(fields.path("delay"), () -> rule.delay(delay));
        }
        if (disconnect.isBoolean() && disconnect.booleanValue()) {
            return rule.disconnect();
        }
        if (disconnect.isObject()) {
            JsonFields options = JsonFields.of(disconnect, fields.path("disconnect"));
            Long bytes = options.longValue("afterBytes");
            options.rejectOthers();
            if (bytes == null) {
                throw Problem.badField(options.path("afterBytes"), options.path("afterBytes") + " is required in a disconnect object");
            }
            return apply(options.path("afterBytes"), () -> rule.disconnectAfterBytes(bytes));
        }
        throw Problem.badField(fields.path("disconnect"), "disconnect takes true, or {\"afterBytes\": N} to drop the "
                + "connection after N bytes of message data; was " + disconnect);
    }

    private static SmtpReply reply(JsonFields fields) {
        Integer code = fields.integer("code");
        String enhancedCode = fields.string("enhancedCode");
        List<String> lines = fields.strings("text");
        fields.rejectOthers();
        if (code == null) {
            throw Problem.badField(fields.path("code"), fields.path("code") + " is required, e.g. 451");
        }
        if (lines == null || lines.isEmpty()) {
            throw Problem.badField(fields.path("text"), fields.path("text") + " is required: a string, or an array of lines");
        }
        try {
            return lines.size() == 1 && enhancedCode == null ? SmtpReply.of(code, lines.get(0))
                    : new SmtpReply(code, enhancedCode, lines);
        } catch (IllegalArgumentException e) {
            throw Problem.badField(fields.path(replyField(e.getMessage())), e.getMessage());
        }
    }

    /** Which part of a reply SmtpReply's message is about. */
    private static String replyField(String message) {
        return message.contains("enhanced") ? "enhancedCode" : message.contains("text") || message.contains("line")
                ? "text" : "code";
    }

    /** Runs a builder call; what it refuses is reported against {@code field}. */
    private static <T> T apply(String field, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw Problem.badField(field, e.getMessage());
        }
    }

    /** An installed rule as the API shows it: the rule as it was posted, with its id and how often it fired. */
    static ObjectNode view(String id, JsonNode posted, InjectedFault fault, String basePath) {
        ObjectNode json = Json.object();
        json.put("id", id);
        json.setAll((ObjectNode) posted);
        json.put("fired", fault.timesFired());
        json.put("exhausted", fault.isExhausted());
        json.put("description", fault.rule().toString());
        json.put("url", basePath + "/faults/" + id);
        return json;
    }
}
