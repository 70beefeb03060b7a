package io.github.fakesmtp.internal;

import io.github.fakesmtp.Authenticator;
import java.util.List;
import java.util.Map;

/** Who may log in with AUTH (RFC 4954), and which SASL mechanisms can therefore be offered. */
public final class Credentials {

    /** AUTH is not offered at all. */
    public static final Credentials NONE = new Credentials(Map.of(), null, false);

    private final Map<String, String> passwords;
    private final Authenticator authenticator;
    private final boolean acceptAny;

    private Credentials(Map<String, String> passwords, Authenticator authenticator, boolean acceptAny) {
        this.passwords = passwords;
        this.authenticator = authenticator;
        this.acceptAny = acceptAny;
    }

    /**
     * @param passwords password by username
     * @return credentials accepting exactly these users
     */
    public static Credentials users(Map<String, String> passwords) {
        return new Credentials(Map.copyOf(passwords), null, false);
    }

    /** @return credentials that accept any username and password */
    public static Credentials acceptAny() {
        return new Credentials(Map.of(), null, true);
    }

    /**
     * @param authenticator decides each login
     * @return credentials checked by the callback
     */
    public static Credentials custom(Authenticator authenticator) {
        return new Credentials(Map.of(), authenticator, false);
    }

    /** @return whether logins are decided by the test's own {@link Authenticator}, which may take long */
    boolean callsUserCode() {
        return authenticator != null;
    }

    boolean check(String username, String password) {
        if (acceptAny) {
            return true;
        }
        if (authenticator != null) {
            return authenticator.authenticate(username, password);
        }
        return password != null && password.equals(passwords.get(username));
    }

    /** The password to compute a CRAM-MD5 digest with; null when unknown. */
    String passwordOf(String username) {
        return passwords.get(username);
    }

    boolean acceptsAny() {
        return acceptAny;
    }

    /** CRAM-MD5 needs the stored password, so a custom authenticator cannot offer it. */
    List<String> mechanisms() {
        return authenticator == null
                ? List.of("PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2")
                : List.of("PLAIN", "LOGIN", "XOAUTH2");
    }
}
