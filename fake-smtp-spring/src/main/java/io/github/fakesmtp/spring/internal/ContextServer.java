package io.github.fakesmtp.spring.internal;

import io.github.fakesmtp.FakeSmtpServer;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.DisposableBean;

/**
 * A context's server and who is using it: the bean the test execution listener finds in the context. One
 * test at a time holds the lease; a second one that arrives while it is held is refused, because resetting
 * the server for it would clear the first test's mail.
 */
public final class ContextServer implements DisposableBean {

    /** The bean name of the holder; the server itself is the bean {@value #SERVER_BEAN_NAME}. */
    public static final String BEAN_NAME = "io.github.fakesmtp.spring.internal.ContextServer";

    /** The bean name of the context's {@link FakeSmtpServer}. */
    public static final String SERVER_BEAN_NAME = "fakeSmtpServer";

    private final FakeSmtpServer server;
    private final Class<?> testClass;
    private final AtomicReference<Lease> lease = new AtomicReference<>();

    ContextServer(FakeSmtpServer server, Class<?> testClass) {
        this.server = server;
        this.testClass = testClass;
    }

    /**
     * The context's server.
     *
     * @return the server
     */
    public FakeSmtpServer server() {
        return server;
    }

    /**
     * Takes the server for a test.
     *
     * @param test what is starting, e.g. {@code PasswordResetTest.sendsTheResetLink()}
     * @return the lease, to give back with {@link #release(Lease)}
     * @throws IllegalStateException when another test holds the server
     */
    public Lease acquire(String test) {
        Lease mine = new Lease(test, Thread.currentThread().getName());
        Lease held = lease.compareAndExchange(null, mine);
        if (held != null) {
            throw new IllegalStateException("The fake SMTP server of the Spring application context of "
                    + testClass.getName() + " is shared by every test that uses this cached context, and it is "
                    + "emptied before each test, but " + test + " (thread " + mine.thread() + ") started while "
                    + held.test() + " (thread " + held.thread() + ") is still running: they would see and clear "
                    + "each other's mail. Run the tests that share this context one after the other: with JUnit "
                    + "Jupiter, annotate their classes with @ResourceLock(\"fake-smtp\") (it also keeps the "
                    + "methods of a class in sequence), or @Execution(ExecutionMode.SAME_THREAD) when only one "
                    + "class uses the context; or give a class a context of its own with a different "
                    + "@AutoConfigureFakeSmtp configuration.");
        }
        return mine;
    }

    /**
     * Gives the server back; a lease that is not the current one changes nothing.
     *
     * @param released the lease from {@link #acquire(String)}
     */
    public void release(Lease released) {
        lease.compareAndSet(released, null);
    }

    /** Closes the server when the context closes. */
    @Override
    public void destroy() {
        server.close();
    }

    /**
     * One test's use of the server.
     *
     * @param test the test
     * @param thread the thread it runs on
     */
    public record Lease(String test, String thread) {
    }
}
