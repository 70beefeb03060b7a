package io.github.fakesmtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One thread per connection: virtual threads on Java 21+, platform daemon threads on Java 17. */
@Timeout(30)
class ThreadModelTest {

    @Test
    void connectionsRunOnVirtualThreadsFromJava21OnAndOnDaemonThreadsBefore() throws Exception {
        AtomicReference<Thread> connectionThread = new AtomicReference<>();
        try (FakeSmtpServer server = FakeSmtpServer.builder()
                .onMessage(message -> connectionThread.set(Thread.currentThread()))
                .start()) {
            SmtpChecks.assertStillServes(server);
        }

        Thread thread = connectionThread.get();
        boolean java21OrLater = Runtime.version().feature() >= 21;
        assertThat(isVirtual(thread)).as("virtual connection thread on Java %s", Runtime.version())
                .isEqualTo(java21OrLater);
        if (!java21OrLater) {
            assertThat(thread.isDaemon()).as("a connection thread never keeps the JVM alive").isTrue();
        }
        assertThat(thread.isAlive()).as("the connection thread ended with close()").isFalse();
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
