package io.github.fakesmtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scripted failures at every phase, seen through a real client (Angus Mail) and, where the client hides the
 * reply, a raw socket. Each test also checks what the server recorded and that it still serves afterwards.
 */
@Timeout(30)
class FaultInjectionTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private FakeSmtpServer smtp;

    @AfterEach
    void stop() {
        if (smtp != null) {
            smtp.close();
        }
    }

    private FakeSmtpServer start(FakeSmtpServer.Builder builder) {
        smtp = builder.start();
        return smtp;
    }

    private void assertStillServes() {
        smtp.clearFaults();
        SmtpChecks.assertStillServes(smtp);
    }

    @Nested
    class Rcpt {

        @Test
        void rejectedRecipientIsReportedAsInvalidAddress_rfc5321_4_2_2() throws Exception {
            start(FakeSmtpServer.builder());
            InjectedFault fault = smtp.inject(Faults.rejectRecipient("bob@example.com"));

            assertThatThrownBy(() -> AngusMail.to(smtp).send("hi", "bob@example.com"))
                    .isInstanceOf(SendFailedException.class)
                    .satisfies(e -> assertThat(((SendFailedException) e).getInvalidAddresses())
                            .extracting(Object::toString).containsExactly("bob@example.com"))
                    .cause().isInstanceOf(SMTPAddressFailedException.class)
                    .satisfies(e -> assertThat(((SMTPAddressFailedException) e).getReturnCode()).isEqualTo(550));

            assertThat(fault.timesFired()).isEqualTo(1);
            assertThat(smtp.messages()).isEmpty();
            assertThat(smtp.rejections()).singleElement().satisfies(rejection -> {
                assertThat(rejection.phase()).isEqualTo(SmtpPhase.RCPT);
                assertThat(rejection.address()).isEqualTo("bob@example.com");
                assertThat(rejection.code()).isEqualTo(550);
                assertThat(rejection.reply().enhancedCode()).isEqualTo("5.1.1");
                assertThat(rejection.injected()).isTrue();
            });
            assertStillServes();
        }

        @Test
        void onlyTheMatchingRecipientIsRefused() throws Exception {
            start(FakeSmtpServer.builder());
            smtp.inject(Faults.rejectRecipient("bob@example.com"));

            AngusMail angus = AngusMail.to(smtp).property("mail.smtp.sendpartial", "true");
            assertThatThrownBy(() -> angus.send("partial", "carol@example.com", "bob@example.com"))
                    .isInstanceOf(SendFailedException.class);

            ReceivedMessage message = smtp.takeMessage(WAIT);
            assertThat(message.envelopeRecipients()).containsExactly("carol@example.com");
        }

        @Test
        void mailboxFullIsTransient_452_rfc3463() throws Exception {
            start(FakeSmtpServer.builder());
            smtp.inject(Faults.mailboxFull("bob@example.com"));
            try (SmtpTestClient client = SmtpTestClient.ready(smtp)) {
                client.command("MAIL FROM:<alice@example.com>");
                SmtpTestClient.Reply reply = client.command("RCPT TO:<bob@example.com>");
                assertThat(reply.code()).isEqualTo(452);
                assertThat(reply.text()).startsWith("4.2.2 ");
                assertThat(client.command("RCPT TO:<carol@example.com>").code()).isEqualTo(250);
            }
        }

        @Test
        void domainRegexAndPredicateConditions() throws Exception {
            start(FakeSmtpServer.builder());
            smtp.on(SmtpPhase.RCPT).matchingDomain("blocked.example").reply(550, "5.7.1", "Domain blocked");
            smtp.on(SmtpPhase.RCPT).matchingRegex("^spam\\+").reply(550, "5.7.1", "No spam");
            smtp.on(SmtpPhase.RCPT).when(command -> command.address().length() > 30).reply(553, "5.1.3", "Too long");
            try (SmtpTestClient client = SmtpTestClient.ready(smtp)) {
                client.command("MAIL FROM:<alice@example.com>");
                assertThat(client.command("RCPT TO:<x@BLOCKED.example>").code()).isEqualTo(550);
                assertThat(client.command("RCPT TO:<spam+1@example.com>").code()).isEqualTo(550);
                assertThat(client.command("RCPT TO:<a-very-long-local-part@example.com>").code()).isEqualTo(553);
                assertThat(client.command("RCPT TO:<ok@example.com>").code()).isEqualTo(250);
            }
        }

        @Test
        void greylistingRefusesTheFirstAttemptAndAcceptsTheRetry() throws Exception {
            start(FakeSmtpServer.builder());
            InjectedFault greylisting = smtp.inject(Faults.greylisting());

            int attempts = sendWithRetries(3, () -> AngusMail.to(smtp).send("greylisted", "bob@example.com"));

            assertThat(attempts).isEqualTo(2);
            assertThat(greylisting.timesFired()).isEqualTo(1);
            assertThat(smtp.takeMessage(WAIT).envelopeRecipients()).containsExactly("bob@example.com");
            assertThat(smtp.rejections()).extracting(Rejection::code).containsExactly(451);
        }

        @Test
        void a421ReplyClosesTheConnection_rfc5321_3_8() throws Exception {
            start(FakeSmtpServer.builder());
            smtp.on(SmtpPhase.RCPT).reply(421, "4.3.0", "Going down");
            try (SmtpTestClient client = SmtpTestClient.ready(smtp)) {
                client.command("MAIL FROM:<alice@example.com>");
                assertThat(client.command("RCPT TO:<bob@example.com>").code()).isEqualTo(421);
                assertThat(client.serverClosed()).isTrue();
            }
            assertStillServes();
        }
    }

    @Nested
    class EndOfData {

        @Test
        void failTwiceThenAccept_applicationRetrySucceedsOnTheThirdAttempt() throws Exception {
            start(FakeSmtpServer.builder());
            InjectedFault fault = smtp.on(SmtpPhase.END_OF_DATA).times(2).reply(451, "4.3.0", "Try again later");

            int attempts = sendWithRetries(5, () -> AngusMail.to(smtp).send("retried", "bob@example.com"));

            assertThat(attempts).isEqualTo(3);
            assertThat(fault.timesFired()).isEqualTo(2);
            assertThat(fault.isExhausted()).isTrue();
            assertThat(smtp.awaitMessages(1, WAIT)).singleElement()
                    .extracting(ReceivedMessage::subject).isEqualTo("retried");
            assertThat(smtp.rejections()).extracting(Rejection::phase)
                    .containsExactly(SmtpPhase.END_OF_DATA, SmtpPhase.END_OF_DATA);
        }

        @Test
        void messageTooBigCapturesNothing_552_rfc3463() throws Exception {
            start(FakeSmtpServer.builder());
            smtp.inject(Faults.messageTooBig());

            assertThatThrownBy(() -> AngusMail.to(smtp).send("big", "bob@example.com"))
                    .isInstanceOf(SMTPSendFailedException.class)
                    .satisfies(e -> assertThat(((SMTPSendFailedException) e).getReturnCode()).isEqualTo(552));
            assertThat(smtp.messages()).isEmpty();
            assertStillServes();
        }

        @Test
        void permanentMailboxFullAtEndOfData_552_5_2_2() throws Exception {
            start(FakeSmtpServer.builder());
            smtp.inject(Faults.mailboxFullPermanently());
            assertThatThrownBy(() -> AngusMail.to(smtp).send("full", "bob@example.com"))
                    .hasMessageContaining("5.2.2");
            assertThat(smtp.messages()).isEmpty();
        }

        @Test
        void bdatLastIsRefusedByEndOfDataRules_rfc3030() throws Exception {
            start(FakeSmtpServer.builder());
            smtp.on(SmtpPhase.END_OF_DATA).reply(554, "5.7.1", "Rejected by policy");
            try (SmtpTestClient client = SmtpTestClient.ready(smtp)) {
                client.command("MAIL FROM:<alice@example.com>");
                client.command("RCPT TO:<bob@example.com>");
                client.send("BDAT 5 LAST\r\nHi!\r\n");
                assertThat(client.readReply().code()).isEqualTo(554);
                assertThat(client.command("NOOP").code()).isEqualTo(250);
            }
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Nested
    class Data {

        @Test
        void refusingDataInsteadOf354() throws Exception {
            start(FakeSmtpServer.builder());
            smtp.on(SmtpPhase.DATA).reply(554, "5.5.0", "No valid recipients");
            assertThatThrownBy(() -> AngusMail.to(smtp).send("x", "bob@example.com"))
                    .isInstanceOf(MessagingException.class)
                    .hasMessageContaining("554");
            assertThat(smtp.messages()).isEmpty();
            assertStillServes();
        }

        @Test
        void droppedConnectionMidDataCapturesNothing() throws Exception {
            start(FakeSmtpServer.builder());
            InjectedFault drop = smtp.inject(Faults.disconnectDuringData(20));

            assertThatThrownBy(() -> AngusMail.to(smtp).send("dropped", "bob@example.com"))
                    .isInstanceOf(MessagingException.class);

            assertThat(drop.timesFired()).isEqualTo(1);
            assertThat(smtp.messages()).isEmpty();
            assertThat(smtp.rejections()).singleElement().satisfies(rejection -> {
                assertThat(rejection.phase()).isEqualTo(SmtpPhase.DATA);
                assertThat(rejection.reply()).isNull();
                assertThat(rejection.toString()).contains("disconnected");
            });
            assertStillServes();
        }

        @Test
        void droppedConnectionDuringBdatChunk_rfc3030() throws Exception {
            start(FakeSmtpServer.builder());
            smtp.on(SmtpPhase.DATA).disconnectAfterBytes(3);
            try (SmtpTestClient client = SmtpTestClient.ready(smtp)) {
                client.command("MAIL FROM:<alice@example.com>");
                client.command("RCPT TO:<bob@example.com>");
                client.send("BDAT 10 LAST\r\n0123456789");
                assertThat(client.serverClosed()).isTrue();
            }
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Nested
    class Connect {

        @Test
        void serviceUnavailableAtConnectThenService_421_rfc5321_3_8() throws Exception {
            start(FakeSmtpServer.builder().fault(Faults.serviceUnavailable().times(1)));

            assertThatThrownBy(() -> AngusMail.to(smtp).send("first", "bob@example.com"))
                    .isInstanceOf(MessagingException.class)
                    .hasMessageContaining("421");
            AngusMail.to(smtp).send("second", "bob@example.com");

            assertThat(smtp.takeMessage(WAIT).subject()).isEqualTo("second");
            assertThat(smtp.rejections()).singleElement().extracting(Rejection::phase).isEqualTo(SmtpPhase.CONNECT);
        }

        @Test
        void a554GreetingServesOnlyQuit_rfc5321_3_1() throws Exception {
            start(FakeSmtpServer.builder());
            smtp.on(SmtpPhase.CONNECT).reply(554, "5.3.2", "No SMTP service here");
            try (SmtpTestClient client = SmtpTestClient.connect(smtp)) {
                assertThat(client.readReply().code()).isEqualTo(554);
                assertThat(client.command("EHLO test").code()).isEqualTo(503);
                assertThat(client.command("QUIT").code()).isEqualTo(221);
                assertThat(client.serverClosed()).isTrue();
            }
        }

        @Test
        void disconnectWithoutGreeting() throws Exception {
            start(FakeSmtpServer.builder());
            smtp.on(SmtpPhase.CONNECT).once().disconnect();
            try (SmtpTestClient client = SmtpTestClient.connect(smtp)) {
                assertThat(client.serverClosed()).isTrue();
            }
            assertStillServes();
        }
    }

    @Nested
    class Auth {

        private FakeSmtpServer startWithUsers() {
            return start(FakeSmtpServer.builder().user("alice", "secret").user("bob", "hunter2"));
        }

        @Test
        void authenticationFailedSurfacesInAngusMail_535_rfc4954_6() {
            startWithUsers();
            smtp.inject(Faults.authenticationFailed());

            assertThatThrownBy(() -> AngusMail.to(smtp).login("alice", "secret").send("x", "bob@example.com"))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("535");
            assertThat(smtp.rejections()).singleElement().satisfies(rejection -> {
                assertThat(rejection.phase()).isEqualTo(SmtpPhase.AUTH);
                assertThat(rejection.command().user()).isEqualTo("alice");
                assertThat(rejection.command().argument()).doesNotContain("secret");
            });
        }

        @Test
        void authenticationFailedSurfacesInSpringJavaMailSender_rfc4954_6() {
            startWithUsers();
            smtp.on(SmtpPhase.AUTH).reply(535, "5.7.8 Authentication credentials invalid");

            org.springframework.mail.javamail.JavaMailSenderImpl sender =
                    new org.springframework.mail.javamail.JavaMailSenderImpl();
            sender.setHost(smtp.host());
            sender.setPort(smtp.port());
            sender.setUsername("alice");
            sender.setPassword("secret");
            sender.getJavaMailProperties().put("mail.smtp.auth", "true");
            sender.getJavaMailProperties().put("mail.smtp.timeout", "5000");
            sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "5000");
            org.springframework.mail.SimpleMailMessage mail = new org.springframework.mail.SimpleMailMessage();
            mail.setFrom("alice@example.com");
            mail.setTo("bob@example.com");
            mail.setText("hello");

            assertThatThrownBy(() -> sender.send(mail))
                    .isInstanceOf(org.springframework.mail.MailAuthenticationException.class);
            assertThat(smtp.messages()).isEmpty();
        }

        @Test
        void temporaryAuthFailure_454_rfc4954_6() {
            startWithUsers();
            smtp.inject(Faults.temporaryAuthenticationFailure());
            assertThatThrownBy(() -> AngusMail.to(smtp).login("alice", "secret").send("x", "bob@example.com"))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("454");
        }

        @Test
        void ruleForOneUserLeavesOthersAlone() throws Exception {
            startWithUsers();
            smtp.on(SmtpPhase.AUTH).forUser("alice").reply(535, "5.7.8", "Locked");
            smtp.on(SmtpPhase.MAIL).forUser("bob").once().reply(550, "5.7.1", "Bob may not send once");

            assertThatThrownBy(() -> AngusMail.to(smtp).login("alice", "secret").send("x", "carol@example.com"))
                    .isInstanceOf(AuthenticationFailedException.class);
            assertThatThrownBy(() -> AngusMail.to(smtp).login("bob", "hunter2").send("x", "carol@example.com"))
                    .isInstanceOf(SMTPSendFailedException.class)
                    .hasMessageContaining("550");
            AngusMail.to(smtp).login("bob", "hunter2").send("second try", "carol@example.com");

            assertThat(smtp.takeMessage(WAIT).authenticatedUser()).isEqualTo("bob");
        }

        @Test
        void authenticationRequiredAtMail_530_rfc4954_6() {
            start(FakeSmtpServer.builder());
            smtp.inject(Faults.authenticationRequired());
            assertThatThrownBy(() -> AngusMail.to(smtp).send("x", "bob@example.com"))
                    .isInstanceOf(SMTPSendFailedException.class)
                    .satisfies(e -> assertThat(((SMTPSendFailedException) e).getReturnCode()).isEqualTo(530));
        }
    }

    @Nested
    class OtherPhases {

        @Test
        void ehloStarttlsRsetAndQuitRules() throws Exception {
            start(FakeSmtpServer.builder().tls(TlsMode.STARTTLS));
            smtp.on(SmtpPhase.EHLO).once().reply(550, "5.7.1", "Go away");
            smtp.on(SmtpPhase.STARTTLS).reply(454, "4.7.0", "TLS not available due to temporary reason");
            smtp.on(SmtpPhase.RSET).reply(500, "5.5.2", "RSET refused");
            smtp.on(SmtpPhase.QUIT).disconnect();
            try (SmtpTestClient client = SmtpTestClient.connect(smtp)) {
                client.readReply();
                assertThat(client.command("EHLO test").code()).isEqualTo(550);
                assertThat(client.command("EHLO test").code()).isEqualTo(250);
                assertThat(client.command("STARTTLS").code()).isEqualTo(454);
                assertThat(client.command("RSET").code()).isEqualTo(500);
                client.send("QUIT\r\n");
                assertThat(client.serverClosed()).isTrue();
            }
            assertThat(smtp.rejections()).extracting(Rejection::phase).containsExactly(
                    SmtpPhase.EHLO, SmtpPhase.STARTTLS, SmtpPhase.RSET, SmtpPhase.QUIT);
        }

        @Test
        void starttlsRefusalFailsAClientThatRequiresTls_rfc3207_4() {
            start(FakeSmtpServer.builder().tls(TlsMode.STARTTLS));
            smtp.on(SmtpPhase.STARTTLS).reply(454, "4.7.0", "TLS not available due to temporary reason");
            assertThatThrownBy(() -> AngusMail.to(smtp).property("mail.smtp.starttls.enable", "true")
                    .property("mail.smtp.starttls.required", "true").send("x", "bob@example.com"))
                    .isInstanceOf(MessagingException.class)
                    .hasMessageContaining("454");
            assertThat(smtp.messages()).isEmpty();
        }

        @Test
        void multiLineReply_rfc5321_4_2_1() throws Exception {
            start(FakeSmtpServer.builder());
            smtp.on(SmtpPhase.MAIL).reply(new SmtpReply(550, "5.7.1", List.of("Sender blocked", "See policy")));
            try (SmtpTestClient client = SmtpTestClient.ready(smtp)) {
                SmtpTestClient.Reply reply = client.command("MAIL FROM:<alice@example.com>");
                assertThat(reply.code()).isEqualTo(550);
                assertThat(reply.lines()).containsExactly("5.7.1 Sender blocked", "5.7.1 See policy");
            }
        }
    }

    @Nested
    class Timing {

        @Test
        void slowServerTripsTheClientTimeout() {
            start(FakeSmtpServer.builder().fault(Faults.slowServer(Duration.ofSeconds(2))));
            assertThatThrownBy(() -> AngusMail.to(smtp).timeouts(200).send("x", "bob@example.com"))
                    .isInstanceOf(MessagingException.class)
                    .hasRootCauseInstanceOf(SocketTimeoutException.class);
            assertThat(smtp.messages()).isEmpty();
        }

        @Test
        void slowServerIsStillCorrect() throws Exception {
            start(FakeSmtpServer.builder());
            smtp.inject(Faults.slowServer(Duration.ofMillis(20)));
            AngusMail.to(smtp).send("slow but fine", "bob@example.com");
            assertThat(smtp.takeMessage(WAIT).subject()).isEqualTo("slow but fine");
        }

        /** A delay is a lower bound, which a loaded machine can only lengthen. */
        @Test
        void delayedRejection() throws Exception {
            start(FakeSmtpServer.builder());
            smtp.on(SmtpPhase.RCPT).after(Duration.ofMillis(50)).reply(450, "4.2.1", "Mailbox busy");
            try (SmtpTestClient client = SmtpTestClient.ready(smtp)) {
                client.command("MAIL FROM:<alice@example.com>");
                long start = System.nanoTime();
                assertThat(client.command("RCPT TO:<bob@example.com>").code()).isEqualTo(450);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                System.out.printf("delayed rejection: 50 ms asked, %d ms measured%n", millis);
                assertThat(millis).isGreaterThanOrEqualTo(50);
            }
        }

        /**
         * close() cuts a rule's delay short: the session's thread has ended when close() returns, which it
         * could not have if it were still waiting out its five minutes.
         */
        @Test
        void closeIsPromptWhileARuleDelaysAReply() throws Exception {
            start(FakeSmtpServer.builder());
            smtp.inject(Faults.slowServer(Duration.ofMinutes(5)));
            int port = smtp.port();
            try (SmtpTestClient client = SmtpTestClient.connect(smtp)) {
                assertThat(Robustness.eventually(() -> ServerThreads.live(port).size() == 2))
                        .as("the session is waiting out its delay").isTrue();
                long start = System.nanoTime();
                smtp.close();
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                System.out.printf("close() during a 5-minute rule delay: %d ms%n", millis);
                assertThat(ServerThreads.live(port)).as("threads left when close() returned").isEmpty();
                assertThat(millis).as("close() in ms, against a delay of 5 minutes").isLessThan(10_000);
                assertThat(client.serverClosed()).isTrue();
            }
        }
    }

    @Nested
    class Bookkeeping {

        @Test
        void unfiredRulesAreReported() throws Exception {
            start(FakeSmtpServer.builder());
            InjectedFault fired = smtp.on(SmtpPhase.RCPT).matching("bob@example.com").reply(550, "5.1.1", "Unknown");
            InjectedFault unfired = smtp.on(SmtpPhase.RCPT).matching("carol@example.com").reply(550, "5.1.1", "Unknown");

            assertThatThrownBy(() -> AngusMail.to(smtp).send("x", "bob@example.com"));

            assertThat(fired.hasFired()).isTrue();
            assertThat(smtp.unfiredFaults()).containsExactly(unfired);
            assertThat(unfired.toString()).contains("RCPT", "matching carol@example.com", "550 5.1.1 Unknown", "fired 0x");
            unfired.remove();
            assertThat(smtp.faults()).containsExactly(fired);
            smtp.reset();
            assertThat(smtp.faults()).isEmpty();
            assertThat(smtp.rejections()).isEmpty();
        }

        @Test
        void defaultRefusalsAreRecordedToo_rfc5321_4_1_4() throws Exception {
            start(FakeSmtpServer.builder());
            try (SmtpTestClient client = SmtpTestClient.ready(smtp)) {
                assertThat(client.command("RCPT TO:<bob@example.com>").code()).isEqualTo(503);
            }
            assertThat(smtp.rejections()).singleElement().satisfies(rejection -> {
                assertThat(rejection.phase()).isEqualTo(SmtpPhase.RCPT);
                assertThat(rejection.injected()).isFalse();
                assertThat(rejection.reply().toString()).isEqualTo("503 5.5.1 Error: need MAIL command");
            });
        }

        @Test
        void probabilityWithASeedIsReproducible() throws Exception {
            List<Integer> first = outcomesWithSeed(42);
            List<Integer> second = outcomesWithSeed(42);
            assertThat(first).isEqualTo(second).contains(250, 451);
        }

        private List<Integer> outcomesWithSeed(long seed) {
            try (FakeSmtpServer server = FakeSmtpServer.builder().start()) {
                server.on(SmtpPhase.RCPT).withProbability(0.5, seed).reply(451, "4.3.0", "Random failure");
                List<Integer> codes = new ArrayList<>();
                try (SmtpTestClient client = SmtpTestClient.ready(server)) {
                    client.command("MAIL FROM:<alice@example.com>");
                    for (int i = 0; i < 40; i++) {
                        codes.add(client.command("RCPT TO:<r" + i + "@example.com>").code());
                    }
                }
                return codes;
            }
        }

        @Test
        void rulesRaceSafelyWithConcurrentConnections() throws Exception {
            start(FakeSmtpServer.builder());
            InjectedFault limited = smtp.on(SmtpPhase.RCPT).times(10).reply(451, "4.3.0", "Busy");
            ExecutorService pool = Executors.newFixedThreadPool(20);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    int client = i;
                    results.add(pool.submit(() -> {
                        // Add and remove rules while commands run: only new commands may see the change.
                        smtp.on(SmtpPhase.OTHER).matching("nobody" + client + "@x").reply(550, "5.1.1", "x")
                                .remove();
                        int refused = 0;
                        try (SmtpTestClient raw = SmtpTestClient.ready(smtp)) {
                            raw.command("MAIL FROM:<c" + client + "@example.com>");
                            for (int r = 0; r < 5; r++) {
                                if (raw.command("RCPT TO:<r" + r + "@example.com>").code() == 451) {
                                    refused++;
                                }
                            }
                        }
                        return refused;
                    }));
                }
                int refused = 0;
                for (Future<Integer> result : results) {
                    refused += result.get(20, TimeUnit.SECONDS);
                }
                assertThat(refused).isEqualTo(10);
                assertThat(limited.timesFired()).isEqualTo(10);
                assertThat(smtp.rejections()).hasSize(10);
                assertThat(smtp.faults()).containsExactly(limited);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void faultRepliesMustBeNegative() {
        assertThatThrownBy(() -> FaultRule.on(SmtpPhase.RCPT).reply(250, "2.1.5", "Ok"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4xx or 5xx");
        assertThatThrownBy(() -> SmtpReply.of(550, "4.1.1", "x"))
                .hasMessageContaining("class");
        assertThat(SmtpReply.of(535, "5.7.8 Authentication credentials invalid").enhancedCode()).isEqualTo("5.7.8");
    }

    /** An application's retry loop: retries on a transient (4xx) failure, gives up on a permanent one. */
    private static int sendWithRetries(int maxAttempts, MailSend send) throws MessagingException {
        for (int attempt = 1; ; attempt++) {
            try {
                send.run();
                return attempt;
            } catch (MessagingException e) {
                if (attempt == maxAttempts || !isTransient(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isTransient(Exception e) {
        for (Throwable t = e; t != null; t = t instanceof MessagingException m && m.getNextException() != null
                ? m.getNextException() : t.getCause()) {
            if (t instanceof SMTPSendFailedException s && s.getReturnCode() / 100 == 4) {
                return true;
            }
            if (t instanceof SMTPAddressFailedException a && a.getReturnCode() / 100 == 4) {
                return true;
            }
            if (t instanceof SendFailedException sf && sf.getValidUnsentAddresses() != null
                    && sf.getValidUnsentAddresses().length > 0) {
                return true;
            }
        }
        return false;
    }

    @FunctionalInterface
    private interface MailSend {
        void run() throws MessagingException;
    }
}
