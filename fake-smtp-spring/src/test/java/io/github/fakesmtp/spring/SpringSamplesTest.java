package io.github.fakesmtp.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.FakeSmtpServerReport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.springframework.context.ApplicationContext;

/** Runs the classes in {@link SpringSamples} with JUnit's EngineTestKit and checks what happened. */
@Timeout(60)
class SpringSamplesTest {

    @BeforeEach
    void forgetWhatEarlierRunsSaw() {
        SpringSamples.SEEN.clear();
    }

    @Test
    void classesWithTheSameConfigurationShareOneContextAndOneServerAndADifferentOneGetsItsOwn() {
        run(SpringSamples.SameConfigA.class, SpringSamples.SameConfigB.class, SpringSamples.DifferentConfig.class,
                SpringSamples.SameConfigC.class)
                .testEvents().assertStatistics(stats -> stats.started(8).succeeded(8));

        List<SpringSamples.Seen> same = SpringSamples.SEEN.stream()
                .filter(seen -> seen.testClass() != SpringSamples.DifferentConfig.class).toList();
        List<SpringSamples.Seen> different = SpringSamples.SEEN.stream()
                .filter(seen -> seen.testClass() == SpringSamples.DifferentConfig.class).toList();
        assertThat(same).hasSize(6);
        assertThat(contexts(same)).hasSize(1);
        assertThat(servers(same)).hasSize(1);
        assertThat(different).hasSize(2);
        assertThat(contexts(different)).hasSize(1).doesNotContainAnyElementsOf(contexts(same));
        assertThat(servers(different)).hasSize(1).doesNotContainAnyElementsOf(servers(same));
        assertThat(contexts(SpringSamples.SEEN.stream().toList())).hasSize(2);
        assertThat(servers(SpringSamples.SEEN.stream().toList())).hasSize(2);
    }

    @Test
    void onAClassThatIsNotASpringTestTheAnnotationSaysWhatToAdd() {
        assertThat(failureOf(SpringSamples.NotASpringTest.class)).hasMessageContainingAll(
                "@AutoConfigureFakeSmtp on " + SpringSamples.NotASpringTest.class.getName(),
                "is not a Spring test", "@SpringBootTest", "@SpringJUnitConfig", "@FakeSmtp");
    }

    @Test
    void authRequiredWithoutUsersNamesTheAttributeAndTheFix() {
        assertThat(rootMessage(failureOf(SpringSamples.AuthRequiredWithoutUsers.class))).contains(
                "@AutoConfigureFakeSmtp(authRequired) on " + SpringSamples.AuthRequiredWithoutUsers.class.getName(),
                "add users = \"name:password\"");
    }

    @Test
    void aUserWithoutAColonNamesTheUsersAttribute() {
        assertThat(rootMessage(failureOf(SpringSamples.UserWithoutPassword.class))).contains(
                "@AutoConfigureFakeSmtp(users) on", "write each user as \"name:password\"", "no-colon");
    }

    @Test
    void aValueTheServerBuilderRefusesNamesTheAttribute() {
        assertThat(rootMessage(failureOf(SpringSamples.NegativeMaxRecipients.class))).contains(
                "@AutoConfigureFakeSmtp(maxRecipients) on", "maxRecipients must be at least 1, was -1");
    }

    @Test
    void aTestPropertyThatContradictsTheServerIsRefused() {
        assertThat(rootMessage(failureOf(SpringSamples.InlinedPortConflict.class)))
                .contains("spring.mail.port = 2525 (in @TestPropertySource(properties) or @SpringBootTest(properties))",
                        "Remove these properties from the test", "${fake-smtp.port}")
                .doesNotContain("spring.mail.protocol"); // the same value as the server's is no conflict
    }

    @Test
    void aTestPropertiesFileThatContradictsTheServerIsRefused() {
        assertThat(rootMessage(failureOf(SpringSamples.FileUsernameConflict.class))).contains(
                "spring.mail.username = someone (in the @TestPropertySource file", "conflicting-mail.properties");
    }

    @Test
    void aDynamicPropertyThatContradictsTheServerIsRefused() {
        assertThat(rootMessage(failureOf(SpringSamples.DynamicHostConflict.class))).contains(
                "spring.mail.host = smtp.example.com (in a @DynamicPropertySource method");
    }

    @Test
    void aFailingTestGetsTheServersReportAndAnAbortedOneDoesNot() {
        EngineExecutionResults results = run(SpringSamples.FailingTest.class);

        results.testEvents().assertStatistics(stats -> stats.failed(1).aborted(1));
        Throwable failure = throwable(results.testEvents().failed().list().get(0));
        assertThat(failure).hasMessageContaining("expected 2 messages");
        assertThat(failure.getSuppressed()).singleElement().isInstanceOf(FakeSmtpServerReport.class)
                .extracting(Throwable::getMessage).asString()
                .contains("received 1 message", "subject='Only one'", "C: MAIL FROM:<app@example.com>")
                .containsPattern("\nsaved to 1 file \\(.eml: the exact bytes, for a mail client; .html: the HTML body, "
                        + "for a browser\\):\n  " + Pattern.quote(Path.of("target", "fake-smtp-reports",
                                SpringSamples.FailingTest.class.getName(), "expectsTwoMails").toAbsolutePath()
                                + File.separator) + "\\d+\\.eml\n");
        Throwable aborted = throwable(results.testEvents().aborted().list().get(0));
        assertThat(aborted.getSuppressed()).isEmpty();
    }

    @Test
    void aFailingTestSavesItsMailUnderTheFolderOfTheSystemProperty(@TempDir Path folder) throws Exception {
        System.setProperty("fake-smtp.reports.dir", folder.toString());
        try {
            run(SpringSamples.FailingTest.class).testEvents().assertStatistics(stats -> stats.failed(1).aborted(1));
        } finally {
            System.clearProperty("fake-smtp.reports.dir");
        }

        Path tests = folder.resolve(SpringSamples.FailingTest.class.getName());
        try (Stream<Path> saved = Files.list(tests.resolve("expectsTwoMails"))) {
            // <sequence>.eml: the context's server may have served earlier runs, so the number is not always 1
            assertThat(saved.toList()).singleElement().satisfies(eml -> {
                assertThat(eml.getFileName().toString()).matches("\\d+\\.eml");
                assertThat(eml).content().contains("Subject: Only one").contains("Message-ID: <");
            });
        }
        try (Stream<Path> saved = Files.list(tests)) {
            assertThat(saved.map(dir -> dir.getFileName().toString())).as("the aborted test writes nothing")
                    .containsExactly("expectsTwoMails");
        }
    }

    @Test
    void twoTestsUsingOneContextsServerAtTheSameTimeAreRefusedWithAnExplanation() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
                .selectors(selectClass(SpringSamples.ConcurrentTests.class))
                .execute();

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
        Event failed = results.testEvents().failed().list().get(0);
        assertThat(failed.getTestDescriptor().getDisplayName()).isEqualTo("second()");
        assertThat(throwable(failed)).isInstanceOf(IllegalStateException.class).hasMessageContainingAll(
                "ConcurrentTests.second() (thread", "started while ConcurrentTests.first() (thread",
                "is still running", "@ResourceLock(\"fake-smtp\")", "@Execution(ExecutionMode.SAME_THREAD)");
        assertThat(throwable(failed).getSuppressed()).isEmpty(); // the server is the other test's: no report
    }

    private static EngineExecutionResults run(Class<?>... testClasses) {
        ClassSelector[] selectors = Stream.of(testClasses).map(type -> selectClass(type)).toArray(ClassSelector[]::new);
        return EngineTestKit.engine("junit-jupiter").selectors(selectors).execute();
    }

    private static Throwable failureOf(Class<?> testClass) {
        EngineExecutionResults results = run(testClass);
        List<Event> failures = Stream.concat(results.containerEvents().failed().stream(),
                results.testEvents().failed().stream()).toList();
        assertThat(failures).isNotEmpty();
        return throwable(failures.get(0));
    }

    private static Throwable throwable(Event event) {
        return event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    }

    /** Spring reports a context that failed to load as "Failed to load ApplicationContext", caused by ours. */
    private static String rootMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("@AutoConfigureFakeSmtp")) {
                return t.getMessage();
            }
        }
        throw new AssertionError("no @AutoConfigureFakeSmtp error in " + failure, failure);
    }

    private static Set<ApplicationContext> contexts(List<SpringSamples.Seen> seen) {
        return seen.stream().map(SpringSamples.Seen::context).collect(Collectors.toSet());
    }

    private static Set<FakeSmtpServer> servers(List<SpringSamples.Seen> seen) {
        return seen.stream().map(SpringSamples.Seen::server).collect(Collectors.toSet());
    }
}
