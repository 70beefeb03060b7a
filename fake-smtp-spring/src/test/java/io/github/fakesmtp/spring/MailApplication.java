package io.github.fakesmtp.spring;

import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A plain-Spring application's mail wiring, the way Spring Boot's mail auto-configuration does it: a
 * {@link JavaMailSenderImpl} from {@code spring.mail.*} (every {@code spring.mail.properties.*} key passed on to
 * Jakarta Mail), and a {@link Mailer} that retries what the server refuses for now.
 */
@Configuration(proxyBeanMethods = false)
class MailApplication {

    private static final String JAVAMAIL_PREFIX = "spring.mail.properties.";

    @Bean
    JavaMailSenderImpl javaMailSender(ConfigurableEnvironment environment) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(environment.getRequiredProperty("spring.mail.host"));
        sender.setPort(environment.getProperty("spring.mail.port", Integer.class, 25));
        sender.setUsername(environment.getProperty("spring.mail.username"));
        sender.setPassword(environment.getProperty("spring.mail.password"));
        sender.setProtocol(environment.getProperty("spring.mail.protocol", "smtp"));
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        Properties javaMail = new Properties();
        environment.getPropertySources().stream()
                .filter(EnumerablePropertySource.class::isInstance)
                .flatMap(source -> Arrays.stream(((EnumerablePropertySource<?>) source).getPropertyNames()))
                .filter(name -> name.startsWith(JAVAMAIL_PREFIX))
                .distinct()
                .forEach(name -> javaMail.setProperty(name.substring(JAVAMAIL_PREFIX.length()),
                        environment.getProperty(name)));
        sender.setJavaMailProperties(javaMail);
        return sender;
    }

    @Bean
    Mailer mailer(JavaMailSender sender) {
        return new Mailer(sender);
    }

    /** Sends a text mail, trying up to three times while the server answers 4xx (greylisting, busy). */
    static final class Mailer {
        private final JavaMailSender sender;

        Mailer(JavaMailSender sender) {
            this.sender = sender;
        }

        void send(String to, String subject) {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom("app@example.com");
            message.setTo(to);
            message.setSubject(subject);
            message.setText("Hello from the application\r\n");
            for (int attempt = 1; ; attempt++) {
                try {
                    sender.send(message);
                    return;
                } catch (MailSendException e) {
                    if (attempt == 3 || !isTransient(e)) {
                        throw e;
                    }
                }
            }
        }

        private static boolean isTransient(MailSendException e) {
            for (Exception failure : e.getFailedMessages().values()) {
                for (Exception next = failure; next != null;
                        next = next instanceof MessagingException m ? m.getNextException() : null) {
                    int code = next instanceof SMTPAddressFailedException a ? a.getReturnCode()
                            : next instanceof SMTPSendFailedException s ? s.getReturnCode() : 0;
                    if (code >= 400 && code < 500) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
