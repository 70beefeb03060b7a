package io.github.fakesmtp.spring.internal;

import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * Fails a JUnit Jupiter test class that carries {@code @AutoConfigureFakeSmtp} without being a Spring test:
 * nothing of Spring runs for it, so no server would start and the test would fail later, far from the cause.
 * Registered by the annotation itself; without JUnit Jupiter on the class path the JVM ignores that
 * registration.
 */
public final class SpringTestCheck implements BeforeAllCallback {

    private static final String SPRING_EXTENSION = "org.springframework.test.context.junit.jupiter.SpringExtension";
    private static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";

    /** Created by JUnit. */
    public SpringTestCheck() {
        // stateless
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (context.getConfigurationParameter(AUTODETECTION).map(Boolean::parseBoolean).orElse(false)) {
            return; // a SpringExtension may be registered through ServiceLoader, which nothing here can see
        }
        Class<?> testClass = context.getRequiredTestClass();
        for (Class<?> type = testClass; type != null; type = enclosingOfNested(type)) {
            if (registersSpringExtension(type)) {
                return;
            }
        }
        throw new ExtensionConfigurationException("@AutoConfigureFakeSmtp on " + testClass.getName()
                + " does nothing: it is not a Spring test, so no application context (and no fake SMTP server) "
                + "is created for it. Add @SpringBootTest (or a Spring Boot test slice), @SpringJUnitConfig, or "
                + "@ExtendWith(SpringExtension.class) with @ContextConfiguration; for a test without Spring, use "
                + "fake-smtp-junit5's @FakeSmtp instead.");
    }

    private static Class<?> enclosingOfNested(Class<?> type) {
        return Modifier.isStatic(type.getModifiers()) ? null : type.getEnclosingClass();
    }

    private static boolean registersSpringExtension(Class<?> type) {
        for (ExtendWith extendWith : AnnotationSupport.findRepeatableAnnotations(type, ExtendWith.class)) {
            for (Class<?> extension : extendWith.value()) {
                if (extension.getName().equals(SPRING_EXTENSION)) {
                    return true;
                }
            }
        }
        return !AnnotationSupport.findAnnotatedFields(type, RegisterExtension.class,
                field -> isSpringExtension(field.getType()), HierarchyTraversalMode.TOP_DOWN).isEmpty();
    }

    private static boolean isSpringExtension(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getSuperclass()) {
            if (t.getName().equals(SPRING_EXTENSION)) {
                return true;
            }
        }
        return false;
    }
}
