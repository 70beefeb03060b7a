package io.github.fakesmtp.example;

import io.github.fakesmtp.example.OutgoingMail.Address;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The application's Spring wiring for mail, with plain Spring Framework. It reads the {@code spring.mail.*}
 * keys Spring Boot users know ({@code host}, {@code port}, {@code username}, {@code password},
 * {@code protocol}, {@code properties.*}), so the same configuration works with or without Boot, and
 * {@code app.mail.*} for the application's own choices.
 */
@Configuration(proxyBeanMethods = false)
public class MailConfiguration {

    private static final String JAVAMAIL_PREFIX = "spring.mail.properties.";

    /**
     * The Jakarta Mail sender, configured from {@code spring.mail.*}.
     *
     * @param environment the configuration
     * @return the sender
     */
    @Bean
    public JavaMailSenderImpl javaMailSender(ConfigurableEnvironment environment) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(environment.getRequiredProperty("spring.mail.host"));
        sender.setPort(environment.getProperty("spring.mail.port", Integer.class, 25));
        sender.setUsername(environment.getProperty("spring.mail.username"));
        sender.setPassword(environment.getProperty("spring.mail.password"));
        sender.setProtocol(environment.getProperty("spring.mail.protocol", "smtp"));
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        sender.setJavaMailProperties(javaMailProperties(environment));
        return sender;
    }

    /**
     * The application's mail sender: Spring's sender, retried on temporary refusals.
     *
     * @param javaMailSender the Spring sender
     * @param environment the configuration: {@code app.mail.attempts} (default 3) and
     *     {@code app.mail.retry-backoff} (an ISO-8601 duration, default {@code PT2S})
     * @return the sender
     */
    @Bean
    public MailSender mailSender(JavaMailSender javaMailSender, ConfigurableEnvironment environment) {
        int attempts = environment.getProperty("app.mail.attempts", Integer.class, 3);
        Duration backoff = Duration.parse(environment.getProperty("app.mail.retry-backoff", "PT2S"));
        return new RetryingMailSender(new SpringMailSender(javaMailSender), attempts, backoff);
    }

    /**
     * The account mails, from {@code app.mail.from}, {@code app.mail.audit} and {@code app.base-url}.
     *
     * @param environment the configuration
     * @return the mail templates
     */
    @Bean
    public AccountMails accountMails(ConfigurableEnvironment environment) {
        return new AccountMails(
                new Address(environment.getProperty("app.mail.from", "noreply@example.com"), "Fjällbo Accounts"),
                Address.of(environment.getProperty("app.mail.audit", "audit@example.com")),
                environment.getProperty("app.base-url", "https://app.example.com"));
    }

    /** Every {@code spring.mail.properties.mail.*} key, without the prefix, as Spring Boot passes them on. */
    private static Properties javaMailProperties(ConfigurableEnvironment environment) {
        Properties properties = new Properties();
        environment.getPropertySources().stream()
                .filter(EnumerablePropertySource.class::isInstance)
                .flatMap(source -> Arrays.stream(((EnumerablePropertySource<?>) source).getPropertyNames()))
                .filter(name -> name.startsWith(JAVAMAIL_PREFIX))
                .distinct()
                .forEach(name -> properties.setProperty(name.substring(JAVAMAIL_PREFIX.length()),
                        environment.getProperty(name)));
        return properties;
    }
}
