package io.github.fakesmtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One thread per connection, from a per-server pool of daemon platform threads, and a platform acceptor, on
 * every Java version: a virtual thread per connection halved the throughput of a busy connection on Java 25.
 */
@Timeout(30)
class ThreadModelTest {

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
    void theAcceptorIsADaemonPlatformThread() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().start()) {
            String acceptor = "fake-smtp-" + server.port() + "-acceptor-1";
            // Thread.getAllStackTraces() lists platform threads only.
            Set<Thread> platformThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().equals(acceptor)).collect(Collectors.toSet());
            assertThat(platformThreads).as("the acceptor among platform threads on Java %s", Runtime.version())
                    .singleElement().satisfies(thread -> assertThat(thread.isDaemon()).isTrue());
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
