package io.github.fakesmtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One thread per connection, from a per-server pool of daemon platform threads that take turns accepting, on
 * every Java version: a virtual thread per connection halved the throughput of a busy connection on Java 25.
 * The accept model itself (who accepts while a connection is served) is tested in
 * {@code internal.AcceptHandOffTest}.
 */
@Timeout(30)
class ThreadModelTest {

    /**
     * Connections run on the server's own named daemon threads, which a later connection reuses (starting a
     * platform thread costs more than a whole SMTP exchange), and which end with close(). On Java 21 and
     * later, where virtual threads exist, they are not virtual.
     */
    @Test
    void connectionsRunOnPooledDaemonPlatformThreadsThatEndWithClose() throws Exception {
        AtomicReference<Thread> connectionThread = new AtomicReference<>();
        Set<Thread> used = new HashSet<>();
        String prefix;
        try (FakeSmtpServer server = FakeSmtpServer.builder()
                .onMessage(message -> connectionThread.set(Thread.currentThread()))
                .start()) {
            prefix = "fake-smtp-" + server.port() + "-connection-";
            // One connection after the other: as soon as a thread is back in the pool, the next one takes it.
            assertThat(Robustness.eventually(() -> {
                SmtpChecks.assertStillServes(server);
                return !used.add(connectionThread.get());
            })).as("a later connection runs on the thread of an earlier one").isTrue();
        }

        assertThat(used).allSatisfy(thread -> {
            assertThat(thread.getName()).startsWith(prefix);
            assertThat(thread.isDaemon()).as("a connection thread never keeps the JVM alive").isTrue();
            assertThat(thread.isAlive()).as("the connection thread ended with close()").isFalse();
            if (Runtime.version().feature() >= 21) { // Thread.isVirtual() exists from Java 21; the build targets 17
                assertThat((boolean) Thread.class.getMethod("isVirtual").invoke(thread))
                        .as("virtual connection thread on Java %s", Runtime.version()).isFalse();
            }
        });
    }

    /** start() starts one thread, which accepts the first connection and serves it: no second thread waits. */
    @Test
    void aStartedServerHasOneDaemonPlatformThreadThatAccepts() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().start()) {
            String accepting = "fake-smtp-" + server.port() + "-connection-1";
            // Thread.getAllStackTraces() lists platform threads only.
            Set<Thread> platformThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith("fake-smtp-" + server.port() + "-"))
                    .collect(Collectors.toSet());
            assertThat(platformThreads).as("the server's platform threads on Java %s", Runtime.version())
                    .singleElement().satisfies(thread -> {
                        assertThat(thread.getName()).isEqualTo(accepting);
                        assertThat(thread.isDaemon()).isTrue();
                    });
            assertThat(ServerThreads.live(server.port())).as("every live thread, virtual ones included")
                    .containsExactly(accepting);
        }
    }
}
