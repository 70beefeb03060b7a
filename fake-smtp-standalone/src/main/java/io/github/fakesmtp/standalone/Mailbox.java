package io.github.fakesmtp.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.FaultRule;
import io.github.fakesmtp.InjectedFault;
import io.github.fakesmtp.ReceivedMessage;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One SMTP server the API serves: the default one started from the command line, or an isolated one created
 * with {@code POST /api/v1/servers}. It names its messages and fault rules for the API.
 *
 * <p>Message ids are {@code <token>-<sequence>}: the token is the server's own (its id for isolated servers,
 * random for the default one), so an id taken from one server, or from an earlier run, never finds a
 * different message on another; the sequence locates the message without an index to keep in step with the
 * store. {@code latest} names the newest message.
 */
final class Mailbox implements AutoCloseable {

    private final String id;
    private final String token;
    private final FakeSmtpServer server;
    private final Map<InjectedFault, FaultEntry> faults = new IdentityHashMap<>();
    private int faultIds;
    private volatile boolean closed;

    /** A fault rule installed through the API: its id and the JSON it was posted as. */
    record FaultEntry(String id, JsonNode posted, InjectedFault fault) {
    }

    Mailbox(String id, String token, FakeSmtpServer server, List<JsonNode> initialFaults) {
        this.id = id;
        this.token = token;
        this.server = server;
        List<InjectedFault> installed = server.faults(); // the builder's rules, in the order they were given
        for (int i = 0; i < installed.size() && i < initialFaults.size(); i++) {
            register(installed.get(i), initialFaults.get(i));
        }
    }

    String id() {
        return id;
    }

    FakeSmtpServer server() {
        return server;
    }

    /** Where this server's resources are: the short form for the default server. */
    String basePath() {
        return Mailboxes.DEFAULT.equals(id) ? Router.API_PREFIX : Router.API_PREFIX + "/servers/" + id;
    }

    boolean isClosed() {
        return closed;
    }

    String messageId(ReceivedMessage message) {
        return token + "-" + message.sequence();
    }

    String messageUrl(ReceivedMessage message) {
        return basePath() + "/messages/" + messageId(message);
    }

    /**
     * The sequence number a message id stands for.
     *
     * @throws Problem naming {@code field} when the id is not one of this server's
     */
    int sequenceOf(String messageId, String field) {
        int dash = messageId.lastIndexOf('-');
        if (dash > 0 && messageId.substring(0, dash).equals(token)) {
            try {
                int sequence = Integer.parseInt(messageId.substring(dash + 1));
                if (sequence > 0) {
                    return sequence;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
        }
        String hint = "server " + id + " names its messages " + token + "-1, " + token + "-2, ...";
        throw field == null ? Problem.unknownId("no message '" + messageId + "' on server " + id + "; " + hint, messageId)
                : Problem.badField(field, field + ": '" + messageId + "' is not a message id of server " + id + "; " + hint);
    }

    /**
     * The stored message an id names.
     *
     * @throws Problem 404 naming the id when there is no such message (any more)
     */
    ReceivedMessage message(String messageId) {
        List<ReceivedMessage> messages = server.messages();
        if ("latest".equals(messageId)) {
            if (messages.isEmpty()) {
                throw Problem.unknownId("server " + id + " has no messages yet", messageId);
            }
            return messages.get(messages.size() - 1);
        }
        int sequence = sequenceOf(messageId, null);
        int low = 0;
        int high = messages.size() - 1;
        while (low <= high) { // stored in sequence order
            int middle = (low + high) >>> 1;
            int found = messages.get(middle).sequence();
            if (found == sequence) {
                return messages.get(middle);
            }
            if (found < sequence) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        throw Problem.unknownId("message " + messageId + " is not on server " + id
                + " (deleted, dropped beyond maxStoredMessages, or never received)", messageId);
    }

    /** Installs a rule posted as {@code posted}; returns its entry. */
    synchronized FaultEntry addFault(FaultRule rule, JsonNode posted) {
        return register(server.inject(rule), posted);
    }

    private synchronized FaultEntry register(InjectedFault fault, JsonNode posted) {
        FaultEntry entry = new FaultEntry(Integer.toString(++faultIds), posted, fault);
        faults.put(fault, entry);
        return entry;
    }

    /** The installed rules in the order the server consults them. */
    synchronized List<FaultEntry> faults() {
        return server.faults().stream().map(faults::get).filter(java.util.Objects::nonNull).toList();
    }

    synchronized FaultEntry fault(String faultId) {
        for (FaultEntry entry : faults.values()) {
            if (entry.id().equals(faultId)) {
                return entry;
            }
        }
        throw Problem.unknownId("no fault rule " + faultId + " on server " + id, faultId);
    }

    synchronized void removeFault(String faultId) {
        FaultEntry entry = fault(faultId);
        entry.fault().remove();
        faults.remove(entry.fault());
    }

    synchronized void clearFaults() {
        server.clearFaults();
        faults.clear();
    }

    ArrayNode faultViews() {
        ArrayNode views = Json.array();
        for (FaultEntry entry : faults()) {
            views.add(FaultJson.view(entry.id(), entry.posted(), entry.fault(), basePath()));
        }
        return views;
    }

    /** Stops the SMTP server; requests waiting on it are woken and answer with what there is. */
    @Override
    public void close() {
        closed = true;
        server.close();
    }
}
