package io.github.fakesmtp.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.fakesmtp.BareLineEndingPolicy;
import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.FaultRule;
import io.github.fakesmtp.TlsMode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The servers the API serves: {@value #DEFAULT}, started from the command line, and up to
 * {@value #MAX_ISOLATED} isolated ones created over HTTP, each with its own port, messages and fault rules.
 */
final class Mailboxes implements AutoCloseable {

    static final String DEFAULT = "default";
    static final int MAX_ISOLATED = 100;
    private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private final Mailbox defaultMailbox;
    private final Supplier<FakeSmtpServer.Builder> isolatedDefaults;
    private final Map<String, Mailbox> isolated = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param defaultServer the server started from the command line
     * @param isolatedDefaults a builder with what isolated servers inherit (bind address, message limit,
     *     transcripts), before the options of the request are applied
     */
    Mailboxes(FakeSmtpServer defaultServer, Supplier<FakeSmtpServer.Builder> isolatedDefaults) {
        this.defaultMailbox = new Mailbox(DEFAULT, randomId(6), defaultServer, List.of());
        this.isolatedDefaults = isolatedDefaults;
    }

    Mailbox defaultMailbox() {
        return defaultMailbox;
    }

    /** @throws Problem 404 naming the id when there is no such server */
    synchronized Mailbox get(String id) {
        if (DEFAULT.equals(id)) {
            return defaultMailbox;
        }
        Mailbox mailbox = isolated.get(id);
        if (mailbox == null) {
            throw Problem.unknownId("no server '" + id + "'; GET /api/v1/servers lists them", id);
        }
        return mailbox;
    }

    /** The default server first, then the isolated ones in the order they were created. */
    synchronized List<Mailbox> all() {
        List<Mailbox> all = new ArrayList<>();
        all.add(defaultMailbox);
        all.addAll(isolated.values());
        return all;
    }

    /**
     * Starts an isolated server with the options of a {@code POST /api/v1/servers} body.
     *
     * @throws Problem 400 naming the field the builder refused, 409 when the port is taken, 429 beyond
     *     {@value #MAX_ISOLATED} live servers
     */
    synchronized Mailbox create(JsonNode body) {
        if (closed) {
            throw Problem.of(503, "the standalone server is stopping");
        }
        if (isolated.size() >= MAX_ISOLATED) {
            throw Problem.of(429, "there are already " + MAX_ISOLATED + " isolated servers; DELETE /api/v1/servers/{id} "
                    + "the ones a finished test no longer needs");
        }
        JsonFields fields = JsonFields.of(body, "");
        List<JsonNode> postedFaults = new ArrayList<>();
        Map<ServerOption, Object> options = options(fields, postedFaults);
        fields.rejectOthers();
        FakeSmtpServer.Builder builder = isolatedDefaults.get();
        FakeSmtpServer server;
        try {
            ServerOption.applyAll(builder, options);
            server = ServerOption.start(builder);
        } catch (InvalidOption e) {
            throw Problem.badField(e.option() == null || e.option().json() == null ? "body" : e.option().json(), e.getMessage());
        } catch (UncheckedIOException e) {
            throw Problem.of(409, e.getMessage());
        }
        String id;
        do {
            id = randomId(8);
        } while (isolated.containsKey(id) || DEFAULT.equals(id));
        Mailbox mailbox = new Mailbox(id, id, server, postedFaults);
        isolated.put(id, mailbox);
        return mailbox;
    }

    /** Closes and forgets an isolated server. */
    void delete(String id) {
        Mailbox mailbox;
        synchronized (this) {
            if (DEFAULT.equals(id)) {
                throw Problem.of(409, "the default server lives as long as the process; DELETE its messages or faults instead");
            }
            mailbox = get(id);
            isolated.remove(id);
        }
        mailbox.close(); // outside the lock: closing waits for the server's threads
    }

    /** Reads the server options of a request body, in the words of {@link ServerOption}. */
    private static Map<ServerOption, Object> options(JsonFields fields, List<JsonNode> postedFaults) {
        Map<ServerOption, Object> options = new EnumMap<>(ServerOption.class);
        for (ServerOption option : ServerOption.values()) {
            String name = option.json();
            if (name == null || !fields.has(name)) {
                continue;
            }
            Object value = switch (option) {
                case PORT, MAX_RECIPIENTS, MAX_CONNECTIONS, MAX_STORED_MESSAGES -> fields.integer(name);
                case MAX_MESSAGE_SIZE -> fields.longValue(name);
                case AUTH_REQUIRED, ACCEPT_ANY_CREDENTIALS, REQUIRE_TLS -> fields.bool(name);
                case SERVER_NAME -> fields.string(name);
                case IDLE_TIMEOUT -> fields.duration(name);
                case TLS -> constant(fields, name, TlsMode.class);
                case BARE_LINE_ENDINGS -> constant(fields, name, BareLineEndingPolicy.class);
                case USERS -> users(fields, name);
                case FAULTS -> faults(fields, name, postedFaults);
                case HOST -> throw new IllegalStateException("the bind address is the command line's");
            };
            options.put(option, value);
        }
        return options;
    }

    private static <E extends Enum<E>> E constant(JsonFields fields, String name, Class<E> type) {
        String text = fields.string(name);
        E constant = ServerOption.constant(type, text);
        if (constant == null) {
            throw Problem.badField(name, name + " takes one of " + java.util.Arrays.toString(type.getEnumConstants())
                    + ", not '" + text + "'");
        }
        return constant;
    }

    /** {@code ["app:s3cret", ...]} as on the command line, or {@code {"app": "s3cret", ...}}. */
    private static Object users(JsonFields fields, String name) {
        JsonNode users = fields.get(name);
        if (users.isObject()) {
            Map<String, String> map = new LinkedHashMap<>();
            users.properties().forEach(user -> {
                if (!user.getValue().isTextual()) {
                    throw Problem.badField(name + "." + user.getKey(), "a password must be a string, was " + user.getValue());
                }
                map.put(user.getKey(), user.getValue().asText());
            });
            return map;
        }
        return fields.strings(name);
    }

    private static List<FaultRule> faults(JsonFields fields, String name, List<JsonNode> postedFaults) {
        JsonNode array = fields.get(name);
        if (!array.isArray()) {
            throw Problem.badField(name, name + " must be an array of fault rules, was " + array);
        }
        List<FaultRule> rules = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            rules.add(FaultJson.read(array.get(i), name + "[" + i + "]"));
            postedFaults.add(array.get(i));
        }
        return rules;
    }

    private static String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ID_ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /** Closes every isolated server, then the default one. */
    @Override
    public void close() {
        List<Mailbox> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(isolated.values());
            isolated.clear();
        }
        all.add(defaultMailbox);
        for (Mailbox mailbox : all) {
            mailbox.close();
        }
    }
}
