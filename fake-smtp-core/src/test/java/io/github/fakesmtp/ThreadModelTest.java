package io.github.fakesmtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One thread per connection, from a per-server pool of daemon platform threads on every Java version (a
 * virtual thread per connection halved the throughput of a busy connection on Java 25); the acceptor is a
 * virtual thread on Java 21+, so that a start and close costs no platform thread there.
 */
@Timeout(30)
class ThreadModelTest {

    private static final boolean JAVA_21_OR_LATER = Runtime.version().feature() >= 21;

    @Test
    void connectionsRunOnDaemonPlatformThreadsOnEveryJavaVersion() throws Exception {
        AtomicReference<Thread> connectionThread = new AtomicReference<>();
        try (FakeSmtpServer server = FakeSmtpServer.builder()
                .onMessage(message -> connectionThread.set(Thread.currentThread()))
                .start()) {
            SmtpChecks.assertStillServes(server);
        }

        Thread thread = connectionThread.get();
        assertThat(isVirtual(thread)).as("virtual connection thread on Java %s", Runtime.version()).isFalse();
        assertThat(thread.isDaemon()).as("a connection thread never keeps the JVM alive").isTrue();
        assertThat(thread.isAlive()).as("the connection thread ended with close()").isFalse();
    }

    @Test
    void theAcceptorIsAVirtualThreadFromJava21On() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().start()) {
            String acceptor = "fake-smtp-" + server.port() + "-acceptor-1";
            assertThat(ServerThreads.live(server.port())).as("live threads, virtual ones included")
                    .contains(acceptor);
            // Thread.getAllStackTraces() lists platform threads only.
            Set<String> platformThreads = Thread.getAllStackTraces().keySet().stream()
                    .map(Thread::getName).collect(Collectors.toSet());
            assertThat(platformThreads.contains(acceptor)).as("acceptor is a platform thread on Java %s",
                    Runtime.version()).isEqualTo(!JAVA_21_OR_LATER);
        }
    }

    /** Thread.isVirtual() exists from Java 21 only; the build targets 17. */
    private static boolean isVirtual(Thread thread) throws ReflectiveOperationException {
        try {
            return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (NoSuchMethodException java17) {
            return false;
        }
    }
}
