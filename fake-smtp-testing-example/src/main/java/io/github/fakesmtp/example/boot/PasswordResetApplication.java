package io.github.fakesmtp.example.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring Boot flavour of the account service: a web endpoint that sends a password-reset mail through
 * the {@code JavaMailSender} Spring Boot's mail auto-configuration builds from {@code spring.mail.*}.
 */
@SpringBootApplication
public class PasswordResetApplication {

    /**
     * Starts the application.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(PasswordResetApplication.class, args);
    }
}
