package io.github.fakesmtp.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.fakesmtp.FaultRule;
import io.github.fakesmtp.SmtpPhase;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fault rules over HTTP, seen by a real SMTP client; bad rules refused with the field named and nothing installed. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FaultsApiTest {

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of(ServerOption.USERS, List.of("app:s3cret")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void failTwiceWith451ThenAccept_rfc5321_4_2_5() {
        JsonNode fault = server.api.post("/api/v1/faults",
                "{\"phase\":\"END_OF_DATA\",\"times\":2,\"reply\":{\"code\":451,\"enhancedCode\":\"4.3.0\",\"text\":\"Try again later\"}}")
                .expect(201);
        assertThat(fault.get("fired").asInt()).isZero();
        String url = fault.get("url").asText();

        assertThat(Smtp.sendOne("127.0.0.1", server.smtpPort(), "a@example.com", "b@example.com", "try 1")).isEqualTo(451);
        assertThat(Smtp.sendOne("127.0.0.1", server.smtpPort(), "a@example.com", "b@example.com", "try 2")).isEqualTo(451);
        assertThat(Smtp.sendOne("127.0.0.1", server.smtpPort(), "a@example.com", "b@example.com", "try 3")).isEqualTo(250);

        JsonNode fired = server.api.get(url).expect(200);
        assertThat(fired.get("fired").asInt()).isEqualTo(2);
        assertThat(fired.get("exhausted").asBoolean()).isTrue();
        assertThat(fired.get("phase").asText()).isEqualTo("END_OF_DATA"); // as posted
        assertThat(server.api.get("/api/v1/messages").expect(200).get("messages")).hasSize(1);
        JsonNode rejections = server.api.get("/api/v1/rejections").expect(200).get("rejections");
        assertThat(rejections).hasSize(2).allSatisfy(rejection -> {
            assertThat(rejection.get("phase").asText()).isEqualTo("END_OF_DATA");
            assertThat(rejection.get("code").asInt()).isEqualTo(451);
            assertThat(rejection.get("enhancedCode").asText()).isEqualTo("4.3.0");
            assertThat(rejection.get("injected").asBoolean()).isTrue();
        });
    }

    /** Each JSON word maps onto the FaultRule.Builder method of the same name: the descriptions agree. */
    @Test
    void theJsonVocabularyIsTheBuildersVocabulary() {
        assertDescribedAs("{\"phase\":\"RCPT\",\"address\":\"bob@example.com\",\"reply\":{\"code\":550,\"text\":\"5.1.1 User unknown\"}}",
                FaultRule.on(SmtpPhase.RCPT).matching("bob@example.com").reply(550, "5.1.1 User unknown"));
        assertDescribedAs("{\"phase\":[\"MAIL\",\"RCPT\"],\"domain\":\"example.org\",\"disconnect\":true}",
                FaultRule.on(SmtpPhase.MAIL, SmtpPhase.RCPT).matchingDomain("example.org").disconnect());
        assertDescribedAs("{\"phase\":\"DATA\",\"disconnect\":{\"afterBytes\":100}}",
                FaultRule.on(SmtpPhase.DATA).disconnectAfterBytes(100));
        assertDescribedAs("{\"phase\":\"MAIL\",\"user\":\"app\",\"after\":\"PT0.2S\",\"reply\":{\"code\":550,\"enhancedCode\":\"5.7.1\",\"text\":\"Not allowed\"}}",
                FaultRule.on(SmtpPhase.MAIL).forUser("app").after(Duration.ofMillis(200)).reply(550, "5.7.1", "Not allowed"));
        assertDescribedAs("{\"phase\":\"RCPT\",\"matching\":\"^vip\",\"probability\":0.5,\"seed\":42,\"delay\":1.5}",
                FaultRule.on(SmtpPhase.RCPT).matchingRegex("^vip").withProbability(0.5, 42).delay(Duration.ofMillis(1500)));
        assertDescribedAs("{\"phase\":\"connect\",\"times\":1,\"reply\":{\"code\":421,\"text\":[\"4.3.2 Busy\",\"come back later\"]}}",
                FaultRule.on(SmtpPhase.CONNECT).times(1).reply(new io.github.fakesmtp.SmtpReply(421, null, List.of("4.3.2 Busy", "come back later"))));
    }

    private void assertDescribedAs(String json, FaultRule expected) {
        JsonNode fault = server.api.post("/api/v1/faults", json).expect(201);
        assertThat(fault.get("description").asText()).isEqualTo(expected.toString());
        server.api.delete(fault.get("url").asText()).expect(204);
    }

    @Test
    void addressAndUserConditionsApplyToRealCommands_rfc5321_3_3() {
        server.api.post("/api/v1/faults", "{\"phase\":\"RCPT\",\"address\":\"bob@example.com\",\"reply\":{\"code\":550,\"enhancedCode\":\"5.1.1\",\"text\":\"User unknown\"}}")
                .expect(201);
        try (Smtp smtp = Smtp.connect("127.0.0.1", server.smtpPort())) {
            assertThat(smtp.command("MAIL FROM:<a@example.com>")).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<BOB@example.com>")).isEqualTo(550);
            assertThat(smtp.command("RCPT TO:<carol@example.com>")).isEqualTo(250);
        }
        JsonNode rejection = server.api.get("/api/v1/rejections").expect(200).get("rejections").get(0);
        assertThat(rejection.get("address").asText()).isEqualTo("BOB@example.com");
        assertThat(rejection.get("description").asText()).isEqualTo("RCPT <BOB@example.com> -> 550 5.1.1 User unknown (injected)");
    }

    @Test
    void listsGetsAndDeletesRules() {
        String first = server.api.post("/api/v1/faults", "{\"phase\":\"EHLO\",\"reply\":{\"code\":554,\"text\":\"no\"}}").expect(201).get("id").asText();
        Api.Response created = server.api.post("/api/v1/faults", "{\"phase\":\"QUIT\",\"disconnect\":true}");
        String second = created.expect(201).get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/v1/faults/" + second);
        assertThat(server.api.get("/api/v1/faults").expect(200).get("faults")).extracting(f -> f.get("id").asText())
                .containsExactly(first, second);
        server.api.delete("/api/v1/faults/" + first).expect(204);
        assertThat(server.api.get("/api/v1/faults").expect(200).get("faults")).extracting(f -> f.get("id").asText())
                .containsExactly(second);
        assertThat(server.api.get("/api/v1/faults/" + first).problem(404).get("id").asText()).isEqualTo(first);
        server.api.delete("/api/v1/faults").expect(204);
        assertThat(server.api.get("/api/v1/faults").expect(200).get("faults")).isEmpty();
        assertThat(server.server.smtp().faults()).isEmpty();
    }

    /** Bodies written with single quotes for readability; each becomes double-quoted JSON. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "not JSON                   | {phase:                                                             | ",
        "two JSON values            | {}{}                                                                | ",
        "duplicate key              | {'phase':'RCPT','phase':'MAIL','disconnect':true}                   | ",
        "not an object              | []                                                                  | body",
        "empty body                 |                                                                     | ",
        "no phase                   | {'disconnect':true}                                                 | phase",
        "unknown phase              | {'phase':'HELO','disconnect':true}                                  | phase",
        "unknown field              | {'phase':'RCPT','adress':'b@example.com','disconnect':true}         | adress",
        "times 0                    | {'phase':'RCPT','times':0,'disconnect':true}                        | times",
        "times not a number         | {'phase':'RCPT','times':'two','disconnect':true}                    | times",
        "no action                  | {'phase':'RCPT'}                                                    | reply",
        "two actions                | {'phase':'RCPT','disconnect':true,'delay':1}                        | disconnect",
        "positive reply code        | {'phase':'RCPT','reply':{'code':250,'text':'ok'}}                   | reply.code",
        "reply code out of range    | {'phase':'RCPT','reply':{'code':999,'text':'x'}}                    | reply.code",
        "enhanced code of 2nd class | {'phase':'RCPT','reply':{'code':550,'enhancedCode':'4.1.1','text':'x'}} | reply.enhancedCode",
        "reply without text         | {'phase':'RCPT','reply':{'code':550}}                               | reply.text",
        "unknown reply field        | {'phase':'RCPT','reply':{'code':550,'text':'x','txt':1}}            | reply.txt",
        "disconnect false           | {'phase':'RCPT','disconnect':false}                                 | disconnect",
        "negative afterBytes        | {'phase':'DATA','disconnect':{'afterBytes':-1}}                     | disconnect.afterBytes",
        "bad delay                  | {'phase':'RCPT','delay':'soon'}                                     | delay",
        "negative delay             | {'phase':'RCPT','delay':-1}                                         | delay",
        "bad regex                  | {'phase':'RCPT','matching':'(','disconnect':true}                   | matching",
        "probability 2              | {'phase':'RCPT','probability':2,'disconnect':true}                  | probability",
        "seed alone                 | {'phase':'RCPT','seed':1,'disconnect':true}                         | seed",
    })
    void badRulesAreProblemsNamingTheFieldAndInstallNothing(String name, String body, String field) {
        JsonNode problem = server.api.post("/api/v1/faults", body == null ? "" : body.replace('\'', '"')).problem(400);
        if (field != null) {
            assertThat(problem.get("field").asText()).as(problem.toString()).isEqualTo(field);
        } else {
            assertThat(problem.has("field")).as(problem.toString()).isFalse();
        }
        assertThat(server.api.get("/api/v1/faults").expect(200).get("faults")).isEmpty();
        assertThat(server.server.smtp().faults()).isEmpty();
    }

    @Test
    void wrongContentTypeAndOversizedBodiesInstallNothing() {
        String rule = "{\"phase\":\"RCPT\",\"disconnect\":true}";
        server.api.send(HttpRequest.newBuilder(server.api.uri("/api/v1/faults")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(rule))).problem(415);
        server.api.send(HttpRequest.newBuilder(server.api.uri("/api/v1/faults"))
                .POST(HttpRequest.BodyPublishers.ofString(rule))).problem(415);
        String padded = "{\"phase\":\"RCPT\",\"disconnect\":true,\"user\":\"" + "x".repeat(Call.MAX_BODY_BYTES) + "\"}";
        server.api.post("/api/v1/faults", padded).problem(413);
        assertThat(server.api.get("/api/v1/faults").expect(200).get("faults")).isEmpty();
    }
}
