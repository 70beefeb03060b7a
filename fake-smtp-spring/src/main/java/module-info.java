/**
 * fake-smtp for Spring tests: {@link io.github.fakesmtp.spring.AutoConfigureFakeSmtp} gives a Spring test
 * application context a fake SMTP server and points {@code spring.mail.*} at it.
 */
module io.github.fakesmtp.spring {
    requires transitive io.github.fakesmtp;
    requires spring.beans;
    requires spring.context;
    requires spring.core;
    requires spring.test;
    requires static org.junit.jupiter.api;
    requires static org.junit.platform.commons;

    exports io.github.fakesmtp.spring;

    // Spring's SpringFactoriesLoader and JUnit instantiate the factory and the check reflectively.
    opens io.github.fakesmtp.spring.internal to spring.core, org.junit.platform.commons;
}
