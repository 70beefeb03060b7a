package io.github.fakesmtp.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.TlsMode;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.NestedTestConfiguration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * The annotation is found like Spring's own test annotations: on a meta-annotation, a superclass and the
 * enclosing class of a {@code @Nested} test (which then shares its context and server), with the nearest
 * one winning and {@code @NestedTestConfiguration(OVERRIDE)} cutting the enclosing class off.
 */
class InheritanceTest {

    /** A context without mail. */
    @Configuration(proxyBeanMethods = false)
    static class NoMail {
    }

    /** A project's own test annotation. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @SpringJUnitConfig(MailApplication.class)
    @AutoConfigureFakeSmtp(users = "meta:pw")
    @interface MailTest {
    }

    @MailTest
    abstract static class MailTestBase {
        @Autowired
        FakeSmtpServer smtp;

        @Autowired
        Environment environment;
    }

    @Nested
    class FromAMetaAnnotationOnASuperclass extends MailTestBase {
        @Test
        void usesTheMetaAnnotationsConfiguration() {
            assertThat(environment.getProperty("spring.mail.username")).isEqualTo("meta");
        }

        @Nested
        class NestedInside {
            @Autowired
            FakeSmtpServer nestedSmtp;

            @Test
            void sharesTheEnclosingClasssContextAndServer() {
                assertThat(nestedSmtp).isSameAs(smtp);
            }
        }

        @Nested
        @AutoConfigureFakeSmtp(tls = TlsMode.STARTTLS)
        class WithItsOwnAnnotation {
            @Autowired
            FakeSmtpServer nestedSmtp;

            @Autowired
            Environment nestedEnvironment;

            @Test
            void getsItsOwnServerConfiguredByTheNearestAnnotationAlone() {
                assertThat(nestedSmtp.tlsMode()).isEqualTo(TlsMode.STARTTLS); // the enclosing class's has no TLS
                assertThat(nestedEnvironment.getProperty("fake-smtp.port", Integer.class)).isEqualTo(nestedSmtp.port());
                assertThat(nestedEnvironment.getProperty("spring.mail.username")).isEmpty(); // no merging
            }
        }
    }

    /**
     * No injected fields here: Spring Framework 7 injects enclosing instances from the nested class's context,
     * Spring 6 from their own, and the nested class below has no server.
     */
    @Nested
    @SpringJUnitConfig(NoMail.class)
    @AutoConfigureFakeSmtp
    class AnnotatedEnclosingClass {

        @Nested
        @NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
        @SpringJUnitConfig(NoMail.class)
        class OverridingTheEnclosingConfiguration {
            @Autowired
            Environment nestedEnvironment;

            @Test
            void hasNoServer() {
                assertThat(nestedEnvironment.containsProperty("fake-smtp.port")).isFalse();
            }
        }
    }
}
