package io.github.fakesmtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakesmtp.BareLineEndingPolicy;
import io.github.fakesmtp.FakeSmtpTls;
import io.github.fakesmtp.Rejection;
import io.github.fakesmtp.SmtpCommand;
import io.github.fakesmtp.SmtpPhase;
import io.github.fakesmtp.TlsMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The accept model over real sockets: the thread that accepts a connection serves it itself and lets
 * another thread accept before it could keep the next connection waiting. Most tests give the engine a grace
 * of an hour, so that the passing of time cannot be what hands accepting on, and each other trigger is
 * proven on its own: the next connection is served only if that trigger works.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AcceptHandOffTest {

    private static final long AN_HOUR = TimeUnit.HOURS.toNanos(1);
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final List<String> capturedOn = new CopyOnWriteArrayList<>();

    @Test
    void connectionsOneAfterTheOtherAreServedByTheOneThreadThatStartStarted() {
        try (SmtpServerEngine engine = SmtpServerEngine.start(config(TlsMode.NONE, Credentials.NONE), events(),
                FaultHook.NONE, AN_HOUR)) {
            String first = "fake-smtp-" + engine.port() + "-connection-1";
            assertThat(liveThreads(engine)).containsExactly(first);
            for (int i = 0; i < 5; i++) {
                try (Client client = Client.connect(engine)) {
                    client.expectGreeting();
                    client.sendMail("one after the other " + i);
                    client.command("QUIT").expect("221");
                }
                assertThat(liveThreads(engine)).as("after connection %d", i + 1).containsExactly(first);
            }
            assertThat(capturedOn).hasSize(5).containsOnly(first);
        }
    }

    @Test
    void aConnectionOpenedWhileTheFirstIsSilentIsServedAndBothCarryMail() {
        try (SmtpServerEngine engine = SmtpServerEngine.start(config(TlsMode.NONE, Credentials.NONE), events(),
                FaultHook.NONE, AcceptHandOff.GRACE_NANOS);
                Client first = Client.connect(engine)) {
            first.expectGreeting();
            first.command("EHLO first.example").expect("250");
            try (Client second = Client.connect(engine)) {
                second.expectGreeting();
                second.sendMail("second");
                second.command("QUIT").expect("221");
            }
            first.sendMail("first");
            first.command("QUIT").expect("221");
            assertThat(capturedOn).hasSize(2).doesNotHaveDuplicates();
        }
    }

    @Test
    void aConnectionOpenedWhileTheFirstKeepsItsThreadBusyIsServed() throws Exception {
        try (SmtpServerEngine engine = SmtpServerEngine.start(config(TlsMode.NONE, Credentials.NONE), events(),
                FaultHook.NONE, AcceptHandOff.GRACE_NANOS);
                Client busy = Client.connect(engine)) {
            busy.expectGreeting();
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Integer> noops = CompletableFuture.supplyAsync(() -> {
                int count = 0;
                while (!stop.get()) { // never silent for long: the grace runs out between two commands
                    busy.command("NOOP").expect("250");
                    count++;
                }
                return count;
            }, runnable -> daemon(runnable, "busy client").start());
            try (Client second = Client.connect(engine)) {
                second.expectGreeting();
                second.sendMail("while another connection is busy");
            } finally {
                stop.set(true);
            }
            assertThat(noops.get(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isPositive();
        }
    }

    @Test
    void aClientThatDoesNotReadItsRepliesDoesNotKeepTheNextConnectionWaiting() {
        try (SmtpServerEngine engine = SmtpServerEngine.start(config(TlsMode.NONE, Credentials.NONE), events(),
                FaultHook.NONE, AN_HOUR);
                Client flooding = Client.connect(engine)) {
            // Megabytes of replies that are never read: the serving thread ends up blocked in a write.
            byte[] flood = "HELP\r\n".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
            daemon(() -> {
                try {
                    flooding.out.write(flood);
                } catch (IOException closedByServer) {
                    // expected once the server closes
                }
            }, "flooding client").start();
            try (Client second = Client.connect(engine)) {
                second.expectGreeting();
                second.sendMail("while a client floods");
            }
        }
    }

    @Test
    void aFaultRuleThatDelaysDoesNotKeepTheNextConnectionWaiting() {
        FaultHook delayMail = new FaultHook() {
            @Override
            public boolean active() {
                return true;
            }

            @Override
            public FaultDecision decide(SmtpCommand command) {
                return command.phase() == SmtpPhase.MAIL
                        ? new FaultDecision(FaultDecision.Kind.DELAY, null, AN_HOUR, 0) : null;
            }
        };
        try (SmtpServerEngine engine = SmtpServerEngine.start(config(TlsMode.NONE, Credentials.NONE), events(),
                delayMail, AN_HOUR);
                Client delayed = Client.connect(engine)) {
            delayed.expectGreeting();
            delayed.command("EHLO delayed.example").expect("250");
            delayed.send("MAIL FROM:<a@example.com>\r\n"); // answered in an hour, or when the engine closes
            try (Client second = Client.connect(engine)) {
                second.expectGreeting();
                second.command("EHLO second.example").expect("250");
                second.command("QUIT").expect("221");
            }
        }
    }

    @Test
    void aMessageListenerThatWaitsForTheNextConnectionsMessageGetsIt() throws Exception {
        CountDownLatch bothCaptured = new CountDownLatch(2);
        SessionEvents waitingListener = new SessionEvents() {
            @Override
            public void captured(CapturedMessage message) {
                bothCaptured.countDown();
                await(bothCaptured);
                capturedOn.add(Thread.currentThread().getName());
            }

            @Override
            public void refused(Rejection rejection) {
            }

            @Override
            public boolean callsUserCode() {
                return true;
            }
        };
        try (SmtpServerEngine engine = SmtpServerEngine.start(config(TlsMode.NONE, Credentials.NONE),
                waitingListener, FaultHook.NONE, AN_HOUR)) {
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
                try (Client client = Client.connect(engine)) {
                    client.expectGreeting();
                    client.sendMail("first, waiting for the second");
                }
            }, runnable -> daemon(runnable, "first client").start());
            try (Client second = Client.connect(engine)) {
                second.expectGreeting();
                second.sendMail("second");
            }
            first.get(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(capturedOn).hasSize(2).doesNotHaveDuplicates();
        }
    }

    @Test
    void anAuthenticatorThatWaitsForTheNextConnectionsLoginGetsIt() throws Exception {
        CountDownLatch bothAsked = new CountDownLatch(2);
        Credentials waiting = Credentials.custom((user, password) -> {
            bothAsked.countDown();
            await(bothAsked);
            return true;
        });
        try (SmtpServerEngine engine = SmtpServerEngine.start(config(TlsMode.NONE, waiting), events(),
                FaultHook.NONE, AN_HOUR)) {
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> login(engine),
                    runnable -> daemon(runnable, "first client").start());
            login(engine);
            first.get(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void aConnectionSilentAfterStartTlsDoesNotKeepTheNextConnectionWaiting() throws IOException {
        try (SmtpServerEngine engine = SmtpServerEngine.start(config(TlsMode.STARTTLS, Credentials.NONE),
                events(), FaultHook.NONE, AN_HOUR);
                Client plain = Client.connect(engine)) {
            plain.expectGreeting();
            plain.command("EHLO tls.example").expect("250");
            plain.command("STARTTLS").expect("220");
            try (SSLSocket tls = (SSLSocket) FakeSmtpTls.clientSslContext().getSocketFactory()
                    .createSocket(plain.socket, "127.0.0.1", engine.port(), false)) {
                tls.startHandshake(); // then silent
                try (Client second = Client.connect(engine)) {
                    second.expectGreeting();
                    second.sendMail("while another connection is silent in TLS");
                }
            }
        }
    }

    @Test
    void aSilentClientStillGetsTheIdleTimeoutWhileItsThreadHandsOffOnTheWay() {
        // The grace runs out during the silence: the read waits for the rest of the idle timeout, then 421.
        ServerConfig idleFast = new ServerConfig(InetAddress.getLoopbackAddress(), 0, "localhost", TlsMode.NONE,
                null, false, Credentials.NONE, false, 1_000_000, 10, 10, Duration.ofMillis(300),
                BareLineEndingPolicy.ACCEPT, false);
        try (SmtpServerEngine engine = SmtpServerEngine.start(idleFast, events(), FaultHook.NONE,
                TimeUnit.MILLISECONDS.toNanos(50));
                Client silent = Client.connect(engine)) {
            silent.expectGreeting();
            silent.readReply().expect("421 4.4.2"); // RFC 5321 section 4.5.3.2.7
            try (Client next = Client.connect(engine)) {
                next.expectGreeting();
                next.sendMail("after an idle timeout");
            }
        }
    }

    @Test
    void closeEndsEveryThreadAfterConnectionsHandedAcceptingOn() {
        SmtpServerEngine engine = SmtpServerEngine.start(config(TlsMode.NONE, Credentials.NONE), events(),
                FaultHook.NONE, 0); // no grace: each connection hands accepting on after its greeting
        try (Client first = Client.connect(engine); Client second = Client.connect(engine);
                Client third = Client.connect(engine)) {
            first.expectGreeting();
            second.expectGreeting();
            third.expectGreeting();
            third.sendMail("third");
            assertThat(liveThreads(engine)).hasSizeGreaterThanOrEqualTo(3);
        } finally {
            engine.close();
        }
        assertThat(liveThreads(engine)).as("threads left after close()").isEmpty();
    }

    private void login(SmtpServerEngine engine) {
        try (Client client = Client.connect(engine)) {
            client.expectGreeting();
            client.command("EHLO login.example").expect("250");
            client.command("AUTH PLAIN AGFsaWNlAHMzY3JldA==").expect("235"); // \0alice\0s3cret, RFC 4616
        }
    }

    /** Events that record which thread captured each message, and call no code of the test's. */
    private SessionEvents events() {
        return new SessionEvents() {
            @Override
            public void captured(CapturedMessage message) {
                capturedOn.add(Thread.currentThread().getName());
            }

            @Override
            public void refused(Rejection rejection) {
            }
        };
    }

    private static ServerConfig config(TlsMode tls, Credentials credentials) {
        return new ServerConfig(InetAddress.getLoopbackAddress(), 0, "localhost", tls, null, false, credentials,
                false, 1_000_000, 10, 10, Duration.ofMinutes(1), BareLineEndingPolicy.ACCEPT, false);
    }

    /** The engine's live threads: those it started and has not seen end. */
    private static List<String> liveThreads(SmtpServerEngine engine) {
        String prefix = "fake-smtp-" + engine.port() + "-";
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
                .map(Thread::getName).sorted().toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                    .as("the other connection's turn came").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** A line-at-a-time SMTP client whose every read gives up after ten seconds. */
    private static final class Client implements AutoCloseable {
        final Socket socket;
        final OutputStream out;
        final BufferedReader in;

        private Client(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            this.out = socket.getOutputStream();
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        }

        static Client connect(SmtpServerEngine engine) {
            try {
                return new Client(new Socket(InetAddress.getLoopbackAddress(), engine.port()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void expectGreeting() {
            readReply().expect("220");
        }

        void sendMail(String subject) {
            command("EHLO client.example").expect("250");
            command("MAIL FROM:<alice@example.com>").expect("250");
            command("RCPT TO:<bob@example.com>").expect("250");
            command("DATA").expect("354");
            command("Subject: " + subject + "\r\n\r\nHello.\r\n.").expect("250");
        }

        Reply command(String line) {
            send(line + "\r\n");
            return readReply();
        }

        void send(String text) {
            try {
                out.write(text.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Reads one reply; a multi-line reply (RFC 5321 section 4.2.1) is returned as its last line. */
        Reply readReply() {
            try {
                String line;
                do {
                    line = in.readLine();
                    if (line == null) {
                        throw new AssertionError("the server closed the connection");
                    }
                } while (line.length() > 3 && line.charAt(3) == '-');
                return new Reply(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
        }
    }

    private record Reply(String line) {
        void expect(String start) {
            assertThat(line).startsWith(start);
        }
    }
}
