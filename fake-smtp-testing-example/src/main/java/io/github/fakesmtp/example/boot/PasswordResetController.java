package io.github.fakesmtp.example.boot;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /password-resets?email=…}: answers 202 once the mail is handed to the SMTP server. */
@RestController
public class PasswordResetController {

    private final PasswordResetService service;

    /**
     * Creates the controller.
     *
     * @param service the service that sends the mail
     */
    public PasswordResetController(PasswordResetService service) {
        this.service = service;
    }

    /**
     * Sends a reset link.
     *
     * @param email the account's address
     */
    @PostMapping("/password-resets")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public void requestReset(@RequestParam("email") String email) {
        service.requestReset(email);
    }
}
