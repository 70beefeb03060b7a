package io.github.fakesmtp.example.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Ten {@code @SpringBootTest} classes configured alike start one application context and one server with
 * {@code @AutoConfigureFakeSmtp}; the same ten written with a static {@code FakeSmtpExtension} and a
 * {@code @DynamicPropertySource} each start ten of each. Prints the wall time of both suites, run one after
 * the other in this JVM after a warm-up class; a figure to read, not a threshold.
 */
@Isolated // alone, so that the figures are not another test's
class TenClassSuiteTest {

    @Test
    void tenClassesConfiguredAlikeShareOneContextAndOneServer() {
        run(TenClassSuite.WarmUp.class); // not measured
        TenClassSuite.CONTEXTS.clear();
        TenClassSuite.SERVERS.clear();

        long annotation = run(Stream.of(TenClassSuite.class.getDeclaredClasses())
                .filter(type -> type.getSimpleName().matches("WithAnnotation\\d+")).toList());
        assertThat(new HashSet<>(TenClassSuite.CONTEXTS)).hasSize(1);
        assertThat(new HashSet<>(TenClassSuite.SERVERS)).hasSize(1);
        assertThat(TenClassSuite.CONTEXTS).hasSize(10);

        TenClassSuite.CONTEXTS.clear();
        TenClassSuite.SERVERS.clear();
        long dynamic = run(Stream.of(TenClassSuite.class.getDeclaredClasses())
                .filter(type -> type.getSimpleName().matches("WithDynamicProperties\\d+")).toList());
        assertThat(new HashSet<>(TenClassSuite.CONTEXTS)).hasSize(10);
        assertThat(new HashSet<>(TenClassSuite.SERVERS)).hasSize(10);

        System.out.printf(Locale.ROOT, "ten-class @SpringBootTest suite: @AutoConfigureFakeSmtp %d ms (1 context, "
                + "1 server); static FakeSmtpExtension + @DynamicPropertySource %d ms (10 contexts, 10 servers)%n",
                annotation, dynamic);
    }

    private static long run(Class<?> testClass) {
        return run(List.of(testClass));
    }

    /** Runs the classes one after the other and returns the wall time in milliseconds. */
    private static long run(List<Class<?>> testClasses) {
        ClassSelector[] selectors = testClasses.stream().map(type -> selectClass(type)).toArray(ClassSelector[]::new);
        long start = System.nanoTime();
        EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .selectors(selectors)
                .execute()
                .testEvents().assertStatistics(stats -> stats.started(testClasses.size()).succeeded(testClasses.size()));
        return (System.nanoTime() - start) / 1_000_000;
    }
}
