package io.github.fakesmtp.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.FakeSmtpServerReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs the classes in {@link ExtensionSamples} with JUnit's EngineTestKit and checks what happened. */
@Timeout(60)
class FakeSmtpExtensionTest {

    @Test
    void perTestLifecycleGivesEachTestAFreshServerOnAFreePortAndClosesIt() {
        run(ExtensionSamples.PerTest.class).testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));

        List<FakeSmtpServer> servers = drain(ExtensionSamples.PER_TEST_SEEN);
        assertThat(servers).hasSize(2);
        assertThat(servers.get(0)).isNotSameAs(servers.get(1));
        assertThat(servers).allSatisfy(server -> {
            assertThat(server.host()).isEqualTo("127.0.0.1");
            assertThat(server.port()).isPositive();
            assertClosed(server);
        });
    }

    @Test
    void perClassLifecycleSharesOneServerEmptiedBeforeEachTest() {
        run(ExtensionSamples.PerClass.class).testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));

        List<FakeSmtpServer> servers = drain(ExtensionSamples.PER_CLASS_SEEN);
        assertThat(servers).hasSize(2);
        assertThat(servers.get(0)).isSameAs(servers.get(1));
        assertClosed(servers.get(0));
    }

    @Test
    void nestedClassesShareTheEnclosingServerUnlessTheirSettingsDiffer() {
        run(ExtensionSamples.WithNested.class).testEvents().assertStatistics(stats -> stats.succeeded(4).failed(0));

        Map<String, FakeSmtpServer> servers = Map.copyOf(ExtensionSamples.NESTED_SEEN);
        ExtensionSamples.NESTED_SEEN.clear();
        FakeSmtpServer outer = servers.get("outer");
        assertThat(servers).hasSize(4);
        assertThat(servers.get("without its own @FakeSmtp")).isSameAs(outer);
        assertThat(servers.get("with an equal @FakeSmtp")).isSameAs(outer);
        assertThat(servers.get("with a different @FakeSmtp")).isNotSameAs(outer);
        servers.values().forEach(FakeSmtpExtensionTest::assertClosed);
    }

    @Test
    void aFailingTestReportsTheMessagesAndTheMaskedTranscript() {
        Throwable failure = singleFailure(run(ExtensionSamples.FailsAfterSending.class));

        assertThat(failure).hasMessageContaining("expected subject 'Welcome' but was 'Welcome!'");
        assertThat(failure.getSuppressed()).hasSize(1);
        Throwable report = failure.getSuppressed()[0];
        assertThat(report).isInstanceOf(FakeSmtpServerReport.class);
        assertThat(report.getMessage())
                .contains("received 1 message:")
                .contains("from=<app@example.com> to=[bob@example.com] subject='Welcome!'")
                .contains("C: EHLO")
                .contains("C: MAIL FROM:<app@example.com>")
                .contains("C: AUTH LOGIN\n    S: 334 VXNlcm5hbWU6\n    C: ****\n    S: 334 UGFzc3dvcmQ6\n    C: ****")
                .doesNotContain("s3cret")
                .doesNotContain(base64("s3cret"));

        StringWriter printed = new StringWriter();
        failure.printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString()).contains("Suppressed: fake-smtp report:\n" + report.getMessage());
    }

    @Test
    void aFailedTestSavesItsMailInTheConfiguredFolderAndTheReportListsTheFiles(@TempDir Path folder) throws IOException {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("fake-smtp.reports.dir", folder.toString())
                .selectors(selectClass(ExtensionSamples.SavesMailOfFailedTests.class)).execute();

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(4));
        Path tests = folder.resolve(ExtensionSamples.SavesMailOfFailedTests.class.getName()).toAbsolutePath();
        Path failed = tests.resolve("failsAfterAPlainAndAnHtmlMail");
        FakeSmtpServer server = ExtensionSamples.SAVED_MAIL_SEEN.remove("failed");
        assertThat(Files.readAllBytes(failed.resolve("1.eml"))).isEqualTo(server.messages().get(0).rawBytes());
        assertThat(Files.readAllBytes(failed.resolve("2.eml"))).isEqualTo(server.messages().get(1).rawBytes());
        assertThat(Files.readString(failed.resolve("2.html")))
                .contains("<img alt=\"logo\" src=\"data:image/png;base64,iVBORw0KGgo=\">");
        try (Stream<Path> files = Files.list(failed)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder("1.eml", "2.eml", "2.html");
        }
        assertThat(reportOf(results, "failsAfterAPlainAndAnHtmlMail"))
                .contains("\nsaved to 3 files (.eml: the exact bytes, for a mail client; .html: the HTML body, for a browser):\n  "
                        + failed.resolve("1.eml") + "\n  " + failed.resolve("2.eml") + "\n  " + failed.resolve("2.html") + "\n");

        assertThat(tests.resolve("failsEachInvocation[1]").resolve("1.eml")).content().contains("Subject: first");
        assertThat(tests.resolve("failsEachInvocation[2]").resolve("1.eml")).content().contains("Subject: second");
        assertThat(tests.resolve("passesWithMail")).as("a passing test writes nothing").doesNotExist();
        assertThat(tests.resolve("failsWithoutMail")).as("no mail, nothing to write").doesNotExist();
        assertThat(reportOf(results, "failsWithoutMail")).doesNotContain("saved to");
    }

    /**
     * Run by JUnit's Launcher, as Maven Surefire and IDEs run tests: JUnit 5.12 and later give it a report
     * output directory, into which the extension publishes; older JUnit has none, and the mail goes under
     * {@code target/fake-smtp-reports}.
     */
    @Test
    void withoutTheParameterTheMailGoesToJUnitsReportOutputOrUnderTarget(@TempDir Path output) throws IOException {
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(ExtensionSamples.SavesMailOfFailedTests.class, "failsAfterAPlainAndAnHtmlMail",
                        FakeSmtpServer.class.getName()))
                .configurationParameter("junit.platform.reporting.output.dir", output.toString())
                .build(), new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        result.getThrowable().ifPresent(failures::add);
                    }
                });
        ExtensionSamples.SAVED_MAIL_SEEN.clear();

        assertThat(failures).hasSize(1);
        String report = java.util.Arrays.stream(failures.get(0).getSuppressed())
                .filter(FakeSmtpServerReport.class::isInstance).findFirst().orElseThrow().getMessage();
        List<Path> listed = report.lines().filter(line -> line.startsWith("  /")).map(line -> Path.of(line.strip())).toList();
        assertThat(listed).extracting(file -> file.getFileName().toString()).containsExactly("1.eml", "2.eml", "2.html");
        assertThat(listed).allSatisfy(file -> assertThat(file).isRegularFile());
        Path folder = listed.get(0).getParent();
        if (canPublishFiles()) {
            assertThat(folder.getFileName()).hasToString("fake-smtp");
            assertThat(folder).startsWith(output.toAbsolutePath());
        } else {
            assertThat(folder).isEqualTo(Path.of("target", "fake-smtp-reports",
                    ExtensionSamples.SavesMailOfFailedTests.class.getName(), "failsAfterAPlainAndAnHtmlMail").toAbsolutePath());
        }
    }

    private static boolean canPublishFiles() {
        return java.util.Arrays.stream(org.junit.jupiter.api.extension.ExtensionContext.class.getMethods())
                .anyMatch(method -> method.getName().equals("publishDirectory"));
    }

    /** The fake-smtp report attached to the failure of the test method {@code method}. */
    private static String reportOf(EngineExecutionResults results, String method) {
        Throwable failure = results.testEvents().failed().list().stream()
                .filter(event -> event.getTestDescriptor().getDisplayName().startsWith(method))
                .findFirst().orElseThrow().getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        return java.util.Arrays.stream(failure.getSuppressed()).filter(FakeSmtpServerReport.class::isInstance)
                .findFirst().orElseThrow().getMessage();
    }

    @Test
    void aThrowingBeforeAllStillClosesTheServer() {
        Throwable failure = run(ExtensionSamples.BeforeAllThrows.class).containerEvents()
                .failed().stream().findFirst().orElseThrow().getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .orElseThrow().getThrowable().orElseThrow();

        assertThat(failure).hasMessage("set-up failed");
        assertThat(failure.getSuppressed()).hasOnlyElementsOfType(FakeSmtpServerReport.class).hasSize(1);
        assertClosed(drain(ExtensionSamples.BEFORE_ALL_SEEN).get(0));
    }

    @Test
    void constructorInjectionOfAPerTestServerIsRefusedWithAnExplanation() {
        run(ExtensionSamples.ConstructorInjectionPerTest.class).testEvents().assertThatEvents().haveExactly(1,
                finishedWithFailure(instanceOf(ParameterResolutionException.class), message(text -> text.contains(
                        "Cannot inject parameter [FakeSmtpServer") && text.contains("ConstructorInjectionPerTest constructor")
                        && text.contains("created fresh for each test")
                        && text.contains("@FakeSmtp(lifecycle = FakeSmtp.Lifecycle.PER_CLASS)"))));
    }

    @Test
    void constructorInjectionOfAPerClassServerGivesTheClassServer() {
        run(ExtensionSamples.ConstructorInjectionPerClass.class).testEvents()
                .assertStatistics(stats -> stats.succeeded(1).failed(0));
    }

    @Test
    void twoServersMakeAServerParameterAmbiguous() {
        run(ExtensionSamples.Ambiguous.class).testEvents().assertThatEvents().haveExactly(1,
                finishedWithFailure(instanceOf(ParameterResolutionException.class), message(text -> text.contains(
                        "2 fake SMTP servers are registered") && text.contains("ambiguous"))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            NegativeMaxMessageSize   | @FakeSmtp(maxMessageSize = -1) on {class}: maxMessageSize must be 1 to 2147483647, was -1
            NegativeMaxRecipients    | @FakeSmtp(maxRecipients = -5) on {class}: maxRecipients must be at least 1, was -5
            PortOutOfRange           | @FakeSmtp(port = 70000) on {class}: port must be 0 (any free port) to 65535, was 70000
            BadUser                  | @FakeSmtp(users = …) on {class}: write each user as "name:password", not "app"
            AuthRequiredWithoutUsers | of @FakeSmtp on {class}: authRequired(true) needs AUTH to be on
            RequireTlsWithoutTls     | of @FakeSmtp on {class}: requireTls(true) needs tls(TlsMode.STARTTLS)
            """)
    void anAttributeTheServerRefusesIsAConfigurationErrorNamingItAndTheClass(String sample, String expected)
            throws ClassNotFoundException {
        Class<?> annotated = Class.forName(ExtensionSamples.class.getName() + "$" + sample);
        String message = expected.replace("{class}", annotated.getName());

        run(annotated).allEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class), message(text -> text.contains(message))));
    }

    @Test
    void theAnnotationsLimitsAndTlsRequirementReachTheServer() {
        run(ExtensionSamples.Limits.class).testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        run(ExtensionSamples.TlsRequired.class).testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
    }

    @Test
    void theProgrammaticFormTakesTheServersOwnBuilder() {
        EngineExecutionResults results = run(ExtensionSamples.ProgrammaticServerOptions.class);

        results.testEvents().assertThatEvents()
                .haveExactly(1, finishedSuccessfully())
                .haveExactly(1, finishedWithFailure(instanceOf(AssertionError.class), message(text -> text.startsWith(
                        "fail on unexpected mail is on") && text.contains("subject='ignored'"))));
        run(ExtensionSamples.ProgrammaticInvalidOption.class).testEvents().assertThatEvents().haveExactly(1,
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message(
                        "Cannot start the fake SMTP server of FakeSmtpExtension.builder() in "
                                + ExtensionSamples.ProgrammaticInvalidOption.class.getName()
                                + ": maxRecipients must be at least 1, was 0")));
    }

    @Test
    void aStaticExtensionFieldIsOneServerPerClassResetBeforeEachTest() {
        run(ExtensionSamples.StaticField.class).testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));

        List<FakeSmtpServer> servers = drain(ExtensionSamples.STATIC_FIELD_SEEN);
        assertThat(servers).hasSize(2);
        assertThat(servers.get(0)).isSameAs(servers.get(1));
        assertClosed(servers.get(0));
    }

    @Test
    void anInstanceExtensionFieldIsOneServerPerTest() {
        run(ExtensionSamples.InstanceField.class).testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));

        List<FakeSmtpServer> servers = drain(ExtensionSamples.INSTANCE_FIELD_SEEN);
        assertThat(servers).hasSize(2);
        assertThat(servers.get(0)).isNotSameAs(servers.get(1));
        servers.forEach(FakeSmtpExtensionTest::assertClosed);
    }

    @Test
    void failOnUnexpectedMailFailsOnlyTheTestThatIgnoredAMessage() {
        EngineExecutionResults results = run(ExtensionSamples.FailOnUnexpected.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
        results.testEvents().assertThatEvents()
                .haveExactly(1, finishedSuccessfully())
                .haveExactly(1, finishedWithFailure(instanceOf(AssertionError.class), message(text -> text.startsWith(
                        "fail on unexpected mail is on, and the fake SMTP server received 1 message the test did not "
                                + "examine (take, await or assert on):\n  #2 from=<app@example.com> to=[eve@example.com] subject='surprise' size=")
                        && text.contains("\n\nfake-smtp server 127.0.0.1:"))));
    }

    @Test
    void failOnUnexpectedMailFailsATestWhoseFaultRuleNeverFired() {
        EngineExecutionResults results = run(ExtensionSamples.FailOnUnfiredFault.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
        results.testEvents().assertThatEvents()
                .haveExactly(1, finishedWithFailure(instanceOf(AssertionError.class), message(text -> text.startsWith(
                        "fail on unexpected mail is on, and the fake SMTP server has 1 fault rule that never fired:\n  on [RCPT]"
                                + " matching nobody@example.com: reply 550 5.1.1")
                        && text.contains("[fired 0x]"))));
    }

    @Test
    void failOnUnexpectedMailFollowsOneRuleForWhatExaminesAMessage() {
        EngineExecutionResults results = run(ExtensionSamples.Examined.class);

        List<Event> finished = results.testEvents().finished().list();
        assertThat(finished).hasSize(11).allSatisfy(event -> {
            String test = event.getTestDescriptor().getDisplayName();
            TestExecutionResult result = event.getPayload(TestExecutionResult.class).orElseThrow();
            if (test.startsWith("passes")) {
                assertThat(result.getStatus()).as(test).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
            } else {
                assertThat(result.getThrowable()).as(test).get(InstanceOfAssertFactories.THROWABLE)
                        .isInstanceOf(AssertionError.class)
                        .hasMessageStartingWith("fail on unexpected mail is on, and the fake SMTP server received 1 "
                                + "message the test did not examine (take, await or assert on):\n  #")
                        .hasMessageContaining("subject='unexamined'");
            }
        });
    }

    @Test
    void testsWithTheirOwnServersRunInParallel() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                .selectors(selectClass(ExtensionSamples.Concurrent.class), selectClass(ExtensionSamples.PerTest.class))
                .execute();

        results.testEvents().assertStatistics(stats -> stats.succeeded(10).failed(0));
        drain(ExtensionSamples.PER_TEST_SEEN);
    }

    @Test
    void aPerClassServerRefusesConcurrentTests() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .selectors(selectClass(ExtensionSamples.ConcurrentPerClass.class))
                .execute();

        results.testEvents().assertThatEvents().haveExactly(2, finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(text -> text.contains("may run concurrently") && text.contains("@Execution(ExecutionMode.SAME_THREAD)"))));
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
    }

    private static Throwable singleFailure(EngineExecutionResults results) {
        List<Event> failed = results.testEvents().failed().list();
        assertThat(failed).hasSize(1);
        return failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
    }

    private static List<FakeSmtpServer> drain(Queue<FakeSmtpServer> seen) {
        List<FakeSmtpServer> servers = List.copyOf(seen);
        seen.clear();
        return servers;
    }

    /** A closed server refuses connections: nothing listens on its port any more. */
    private static void assertClosed(FakeSmtpServer server) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.host(), server.port()), 2000);
            throw new AssertionError("the server on port " + server.port() + " still accepts connections");
        } catch (ConnectException expected) {
            // nothing listens: closed
        } catch (IOException e) {
            throw new AssertionError("unexpected failure connecting to port " + server.port(), e);
        }
    }
}
