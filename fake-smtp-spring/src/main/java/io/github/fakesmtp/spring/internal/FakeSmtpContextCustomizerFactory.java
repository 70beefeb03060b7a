package io.github.fakesmtp.spring.internal;

import io.github.fakesmtp.spring.AutoConfigureFakeSmtp;
import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Turns the {@link AutoConfigureFakeSmtp} that applies to a test class into a context customizer; registered
 * in {@code META-INF/spring.factories}. The annotation is found the way Spring finds its own test
 * annotations: on the class, its superclasses, as a meta-annotation, and on enclosing classes of
 * {@code @Nested} tests as {@code @NestedTestConfiguration} allows.
 */
public final class FakeSmtpContextCustomizerFactory implements ContextCustomizerFactory {

    /** Created by Spring's {@code SpringFactoriesLoader}. */
    public FakeSmtpContextCustomizerFactory() {
        // stateless
    }

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        AutoConfigureFakeSmtp annotation = annotationFor(testClass);
        return annotation == null ? null : new FakeSmtpContextCustomizer(ServerSettings.of(annotation), testClass);
    }

    /**
     * The annotation that applies to a test class, or null.
     *
     * @param testClass the test class
     * @return the nearest annotation, merged from meta-annotations
     */
    public static AutoConfigureFakeSmtp annotationFor(Class<?> testClass) {
        return TestContextAnnotationUtils.findMergedAnnotation(testClass, AutoConfigureFakeSmtp.class);
    }
}
