package io.github.fakesmtp.example;

import io.github.fakesmtp.example.OutgoingMail.Address;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Getting back into an account by mail: a password-reset link, or a one-time sign-in code. Each secret is
 * mailed once and works once. (A real service would also expire them and keep them in a database.)
 */
public final class AccountAccess {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountMails mails;
    private final MailSender sender;
    private final String baseUrl;
    /** Pending reset tokens and sign-in codes, each to the address it was mailed to. */
    private final Map<String, String> resetTokens = new ConcurrentHashMap<>();
    private final Map<String, String> signInCodes = new ConcurrentHashMap<>();

    /**
     * Creates the service.
     *
     * @param mails the mail templates
     * @param sender how mail leaves the application
     * @param baseUrl where the links of {@code mails} point, e.g. {@code https://app.example.com}
     */
    public AccountAccess(AccountMails mails, MailSender sender, String baseUrl) {
        this.mails = Objects.requireNonNull(mails, "mails");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /**
     * Mails {@code user} a link to choose a new password.
     *
     * @param user the user who asked
     */
    public void sendPasswordReset(Address user) {
        String token = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        resetTokens.put(token, user.email());
        sender.send(mails.passwordReset(user, token));
    }

    /**
     * What happens when the reader follows the reset link of the mail: the link is checked and used up.
     *
     * @param link the URL the reader opened
     * @return the address of the account whose password may now be chosen, or empty for a link that is not
     *     one of this service's, or was used already
     */
    public Optional<String> openResetLink(String link) {
        URI uri = URI.create(link);
        if (!link.startsWith(baseUrl + "/reset?") || uri.getRawQuery() == null) {
            return Optional.empty();
        }
        for (String parameter : uri.getRawQuery().split("&")) {
            if (parameter.startsWith("token=")) {
                String token = URLDecoder.decode(parameter.substring("token=".length()), StandardCharsets.UTF_8);
                return Optional.ofNullable(resetTokens.remove(token));
            }
        }
        return Optional.empty();
    }

    /**
     * Mails {@code user} a six-digit code to sign in with.
     *
     * @param user the user who is signing in
     */
    public void sendSignInCode(Address user) {
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        signInCodes.put(user.email(), code);
        sender.send(mails.signInCode(user, code));
    }

    /**
     * Checks the code a user typed in; a code works once.
     *
     * @param email the account
     * @param code what the user typed
     * @return true when it is the code mailed to {@code email}
     */
    public boolean signIn(String email, String code) {
        return signInCodes.remove(email, code);
    }
}
