package io.github.fakesmtp.standalone;

import io.github.fakesmtp.ReceivedMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code GET .../events}: Server-Sent Events, one {@code message} event per captured message with its summary
 * as data and its id as the event id. A client that reconnects with {@code Last-Event-ID} (browsers do it by
 * themselves) or asks with {@code after=<id>} first gets what it missed. The stream waits on the server's
 * arrivals, sends a comment every {@link HttpApi#HEARTBEAT} to notice a client that has gone, and ends with a
 * {@code closed} event when the server is deleted.
 */
final class EventStream {

    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final MessageViews views;
    private final Capacity held;

    EventStream(MessageViews views, Capacity held) {
        this.views = views;
        this.held = held;
    }

    /**
     * Where a reconnecting browser left off. An id of another run (the server was restarted) means the client has
     * seen none of this server's messages, so it gets them all rather than an error it cannot act on.
     */
    private static int resumePoint(Mailbox mailbox, String lastEventId) {
        try {
            return mailbox.sequenceOf(lastEventId, "Last-Event-ID");
        } catch (Problem notOurs) {
            return 0;
        }
    }

    void stream(Call call) throws IOException {
        Map<String, String> query = call.query("after");
        Mailbox mailbox = call.mailbox();
        String lastEventId = call.header("Last-Event-ID");
        String after = query.get("after");
        int lastSeen;
        if (after != null && !after.isEmpty()) {
            lastSeen = mailbox.sequenceOf(after, "after");
        } else if (lastEventId != null && !lastEventId.isEmpty()) {
            lastSeen = resumePoint(mailbox, lastEventId);
        } else {
            List<ReceivedMessage> stored = mailbox.server().messages();
            lastSeen = stored.isEmpty() ? 0 : stored.get(stored.size() - 1).sequence();
        }
        if (!held.tryAcquire()) {
            throw Problem.of(503, held.max() + " requests are already held open; try again later");
        }
        try {
            HeldResponse response = new HeldResponse(call, "text/event-stream; charset=utf-8");
            if (!response.send(("retry: 2000\n: fake-smtp events of server " + mailbox.id() + "\n\n")
                    .getBytes(StandardCharsets.UTF_8))) {
                return;
            }
            long heartbeat = System.nanoTime() + HttpApi.HEARTBEAT.toNanos();
            while (!mailbox.isClosed()) {
                long now = System.nanoTime();
                if (now - heartbeat >= 0) {
                    if (!response.send(KEEP_ALIVE)) {
                        return;
                    }
                    heartbeat = now + HttpApi.HEARTBEAT.toNanos();
                }
                List<ReceivedMessage> newer = mailbox.server().awaitMessagesAfter(lastSeen,
                        Duration.ofNanos(Math.max(0, heartbeat - now)));
                if (newer.isEmpty()) {
                    continue;
                }
                StringBuilder events = new StringBuilder();
                for (ReceivedMessage message : newer) {
                    lastSeen = message.sequence();
                    events.append("id: ").append(mailbox.messageId(message)).append("\nevent: message\ndata: ")
                            .append(new String(Json.bytes(views.summary(mailbox, message)), StandardCharsets.UTF_8))
                            .append("\n\n");
                }
                if (!response.send(events.toString().getBytes(StandardCharsets.UTF_8))) {
                    return;
                }
            }
            response.finish(("event: closed\ndata: {\"server\":\"" + mailbox.id() + "\"}\n\n").getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            held.release();
        }
    }
}
