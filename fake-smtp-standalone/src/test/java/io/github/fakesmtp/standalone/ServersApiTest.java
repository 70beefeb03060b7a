package io.github.fakesmtp.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Isolated servers: created with the builder's options, each with its own port, messages and faults; deleted cleanly. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServersApiTest {

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static List<String> threadsOfPort(int port) {
        String prefix = "fake-smtp-" + port + "-";
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(prefix)).toList();
    }

    @Test
    void anIsolatedServerHasItsOwnPortMessagesAndFaultsUntilDeleted() {
        Api.Response created = server.api.post("/api/v1/servers", "{}");
        JsonNode isolated = created.expect(201);
        String id = isolated.get("id").asText();
        int port = isolated.get("smtpPort").asInt();
        assertThat(created.header("Location")).isEqualTo("/api/v1/servers/" + id);
        assertThat(isolated.get("smtpHost").asText()).isEqualTo("127.0.0.1");
        assertThat(port).isNotEqualTo(server.smtpPort());
        String base = "/api/v1/servers/" + id;

        server.api.post(base + "/faults", "{\"phase\":\"RCPT\",\"address\":\"nobody@example.com\",\"reply\":{\"code\":550,\"text\":\"5.1.1 no\"}}")
                .expect(201);
        assertThat(Smtp.sendOne("127.0.0.1", port, "a@example.com", "bob@example.com", "to the isolated one")).isEqualTo(250);
        server.send("a@example.com", "bob@example.com", "to the default one");
        try (Smtp smtp = Smtp.connect("127.0.0.1", port)) {
            assertThat(smtp.command("MAIL FROM:<a@example.com>")).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<nobody@example.com>")).isEqualTo(550);
        }

        assertThat(server.api.get(base + "/messages").expect(200).get("messages"))
                .extracting(m -> m.get("subject").asText()).containsExactly("to the isolated one");
        assertThat(server.api.get("/api/v1/messages").expect(200).get("messages"))
                .extracting(m -> m.get("subject").asText()).containsExactly("to the default one");
        assertThat(server.api.get("/api/v1/servers/default/messages").expect(200).get("messages"))
                .extracting(m -> m.get("subject").asText()).containsExactly("to the default one");
        assertThat(server.api.get("/api/v1/faults").expect(200).get("faults")).isEmpty();
        assertThat(server.api.get(base + "/rejections").expect(200).get("rejections")).hasSize(1);
        String isolatedMessage = server.api.get(base + "/messages").expect(200).get("messages").get(0).get("id").asText();
        assertThat(server.api.get(base + "/messages/" + isolatedMessage).expect(200).get("url").asText())
                .isEqualTo(base + "/messages/" + isolatedMessage);
        server.api.get("/api/v1/messages/" + isolatedMessage).problem(404); // not the default server's id
        assertThat(server.api.get("/api/v1/servers").expect(200).get("servers")).extracting(s -> s.get("id").asText())
                .containsExactly("default", id);
        assertThat(server.api.get(base).expect(200).get("messageCount").asInt()).isEqualTo(1);

        assertThat(threadsOfPort(port)).isNotEmpty();
        assertThat(server.api.delete(base).status()).isEqualTo(204);
        assertThat(threadsOfPort(port)).as("the deleted server's threads").isEmpty();
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 2000))
                .isInstanceOf(IOException.class);
        assertThat(server.api.get(base).problem(404).get("id").asText()).isEqualTo(id);
        server.api.get(base + "/messages").problem(404);
        server.api.delete(base).problem(404);
        assertThat(server.api.get("/api/v1/servers").expect(200).get("servers")).hasSize(1);
    }

    @Test
    void optionsMapOntoTheServerBuilder() {
        JsonNode created = server.api.post("/api/v1/servers", """
                {"users": ["app:s3cret"], "authRequired": true, "tls": "starttls", "maxMessageSize": 5000,
                 "maxRecipients": 2, "maxStoredMessages": 2, "serverName": "mx.test", "idleTimeout": "PT30S",
                 "bareLineEndings": "REJECT", "maxConnections": 10,
                 "faults": [{"phase": "CONNECT", "times": 1, "reply": {"code": 421, "text": "4.3.2 warming up"}}]}
                """).expect(201);
        int port = created.get("smtpPort").asInt();
        String base = created.get("url").asText();
        assertThat(created.get("tls").asText()).isEqualTo("STARTTLS");
        try (Socket socket = new Socket("127.0.0.1", port)) { // the initial fault: 421, once
            socket.setSoTimeout(5000);
            assertThat(new String(socket.getInputStream().readNBytes(3), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("421");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        JsonNode fault = server.api.get(base + "/faults").expect(200).get("faults").get(0);
        assertThat(fault.get("fired").asInt()).isEqualTo(1);
        assertThat(fault.get("phase").asText()).isEqualTo("CONNECT");
        try (Smtp smtp = Smtp.connect("127.0.0.1", port)) {
            assertThat(smtp.command("MAIL FROM:<a@example.com>")).as("authRequired").isEqualTo(530);
        }
        JsonNode problem = server.api.post("/api/v1/servers", "{\"users\": {\"app\": \"s3cret\"}, \"acceptAnyCredentials\": true}").problem(400);
        assertThat(problem.get("field").asText()).isEqualTo("users"); // the builder's rule, pinned on the first option it names
        assertThat(problem.get("detail").asText()).contains("acceptAnyCredentials");
    }

    @Test
    void maxStoredMessagesOfAnIsolatedServerEvictsTheOldest() {
        JsonNode created = server.api.post("/api/v1/servers", "{\"maxStoredMessages\": 2}").expect(201);
        int port = created.get("smtpPort").asInt();
        for (String subject : List.of("m1", "m2", "m3")) {
            assertThat(Smtp.sendOne("127.0.0.1", port, "a@example.com", "b@example.com", subject)).isEqualTo(250);
        }
        assertThat(server.api.get(created.get("messagesUrl").asText()).expect(200).get("messages"))
                .extracting(m -> m.get("subject").asText()).containsExactly("m2", "m3");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "size 0                  | {'maxMessageSize':0}                          | maxMessageSize",
        "unknown tls             | {'tls':'ssl'}                                 | tls",
        "auth without users      | {'authRequired':true}                         | authRequired",
        "requireTls without tls  | {'requireTls':true}                           | requireTls",
        "user without colon      | {'users':['nocolon']}                         | users",
        "user not a string       | {'users':[1]}                                 | users[0]",
        "bind address            | {'host':'0.0.0.0'}                            | host",
        "port not a number       | {'port':'x'}                                  | port",
        "port out of range       | {'port':70000}                                | port",
        "bad idle timeout        | {'idleTimeout':'soon'}                        | idleTimeout",
        "zero idle timeout       | {'idleTimeout':0}                             | idleTimeout",
        "bad line ending policy  | {'bareLineEndings':'FIX'}                     | bareLineEndings",
        "zero stored messages    | {'maxStoredMessages':0}                       | maxStoredMessages",
        "bad fault               | {'faults':[{'phase':'X','disconnect':true}]}  | faults[0].phase",
        "faults not an array     | {'faults':{}}                                 | faults",
        "not an object           | []                                            | body",
    })
    void badOptionsAreProblemsNamingTheFieldAndCreateNothing(String name, String body, String field) {
        JsonNode problem = server.api.post("/api/v1/servers", body.replace('\'', '"')).problem(400);
        assertThat(problem.get("field").asText()).as(problem.toString()).isEqualTo(field);
        assertThat(server.api.get("/api/v1/servers").expect(200).get("servers")).hasSize(1);
    }

    @Test
    void theDefaultServerCannotBeDeletedAndLiveServersAreLimited() {
        assertThat(server.api.delete("/api/v1/servers/default").problem(409).get("detail").asText()).contains("default");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < Mailboxes.MAX_ISOLATED; i++) {
            ids.add(server.api.post("/api/v1/servers", "{}").expect(201).get("id").asText());
        }
        assertThat(ids).doesNotHaveDuplicates();
        server.api.post("/api/v1/servers", "{}").problem(429);
        server.api.delete("/api/v1/servers/" + ids.get(0)).expect(204);
        server.api.post("/api/v1/servers", "{}").expect(201);
    }
}
