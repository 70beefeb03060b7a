package io.github.fakesmtp.spring;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.FakeSmtpServerReport;
import io.github.fakesmtp.internal.report.SavedMail;
import io.github.fakesmtp.spring.internal.ContextServer;
import io.github.fakesmtp.spring.internal.FakeSmtpContextCustomizerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;
import org.springframework.test.context.support.DependencyInjectionTestExecutionListener;

/**
 * The per-test half of {@link AutoConfigureFakeSmtp}: before each test method it takes the context's server
 * for that test (refusing a second test that would use it at the same time) and
 * {@linkplain io.github.fakesmtp.FakeSmtpServer#reset() resets} it; after the method it attaches a
 * {@link FakeSmtpServerReport} to a failure and gives the server back.
 *
 * <p>When a test fails, every message it received is saved for a person to open, {@code <sequence>.eml} (the
 * exact bytes) and, for HTML mail, {@code <sequence>.html} (the body, {@code cid:} images inlined), in
 * {@code target/fake-smtp-reports/<class>/<method>/} (relative to the working directory; {@code build/…} in a
 * Gradle project), or under the folder the JVM system property {@code fake-smtp.reports.dir} names; the
 * report lists the files. A passing test writes nothing.
 *
 * <p>Spring registers it through {@code META-INF/spring.factories}. Only a test class that replaces Spring's
 * default listeners with {@code @TestExecutionListeners} needs to name it (or use
 * {@code mergeMode = MERGE_WITH_DEFAULTS}).
 */
public class FakeSmtpTestExecutionListener extends AbstractTestExecutionListener {

    /** Runs after dependency injection, so the test sees the server it will use. */
    public static final int ORDER = DependencyInjectionTestExecutionListener.ORDER + 100;

    private static final String LEASE = FakeSmtpTestExecutionListener.class.getName() + ".lease";
    private static final String SERVER = FakeSmtpTestExecutionListener.class.getName() + ".server";

    /** Created by Spring's {@code SpringFactoriesLoader}, or listed in {@code @TestExecutionListeners}. */
    public FakeSmtpTestExecutionListener() {
        // stateless: what one test holds lives in its TestContext
    }

    /**
     * Returns {@value #ORDER}.
     *
     * @return the order
     */
    @Override
    public int getOrder() {
        return ORDER;
    }

    /**
     * Takes the server for the test and resets it.
     *
     * @param testContext the test's context
     * @throws IllegalStateException when another test is using the server
     */
    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (FakeSmtpContextCustomizerFactory.annotationFor(testContext.getTestClass()) == null) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        if (!context.containsBean(ContextServer.BEAN_NAME)) {
            throw new IllegalStateException("@AutoConfigureFakeSmtp applies to " + testContext.getTestClass().getName()
                    + " but its application context has no fake SMTP server: the context was built without "
                    + "Spring's ContextCustomizerFactory list from META-INF/spring.factories (a custom "
                    + "TestContextBootstrapper?). Use Spring's default bootstrapper or Spring Boot's.");
        }
        ContextServer server = context.getBean(ContextServer.BEAN_NAME, ContextServer.class);
        ContextServer.Lease lease = server.acquire(testContext.getTestClass().getSimpleName() + "."
                + testContext.getTestMethod().getName() + "()");
        testContext.setAttribute(SERVER, server);
        testContext.setAttribute(LEASE, lease);
        server.server().reset(); // messages, rejections, transcripts and the previous test's fault rules
    }

    /**
     * Attaches what the server saw to the test's failure, if any, and gives the server back.
     *
     * @param testContext the test's context
     */
    @Override
    public void afterTestMethod(TestContext testContext) {
        // the holder from beforeTestMethod: with @DirtiesContext the context may already be closed
        ContextServer server = (ContextServer) testContext.removeAttribute(SERVER);
        ContextServer.Lease lease = (ContextServer.Lease) testContext.removeAttribute(LEASE);
        if (server == null || lease == null) {
            return; // not ours, or refused in beforeTestMethod: then the server belongs to another test
        }
        try {
            Throwable failure = testContext.getTestException();
            if (failure != null && !isAbortedTest(failure)) {
                FakeSmtpServer smtp = server.server();
                List<Path> saved = List.of();
                try {
                    if (!smtp.messages().isEmpty()) {
                        saved = SavedMail.write(smtp.messages(), SavedMail.folder(System.getProperty(SavedMail.REPORTS_DIR),
                                testContext.getTestClass().getName(), testContext.getTestMethod().getName()));
                    }
                } catch (IOException | RuntimeException e) {
                    failure.addSuppressed(new IOException("fake-smtp could not save the test's messages: " + e, e));
                }
                failure.addSuppressed(FakeSmtpServerReport.of(smtp, saved));
            }
        } finally {
            server.release(lease);
        }
    }

    /** An assumption that did not hold: the test was skipped, not failed. */
    private static boolean isAbortedTest(Throwable failure) {
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            String name = type.getName();
            if (name.equals("org.opentest4j.TestAbortedException") || name.equals("org.junit.AssumptionViolatedException")
                    || name.equals("org.testng.SkipException")) {
                return true;
            }
        }
        return false;
    }
}
