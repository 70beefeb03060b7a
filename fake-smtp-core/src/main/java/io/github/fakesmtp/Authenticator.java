package io.github.fakesmtp;

/**
 * Decides whether a username and password may log in, for AUTH PLAIN, LOGIN and XOAUTH2 (where the
 * password is the OAuth bearer token).
 *
 * <p>CRAM-MD5 never sends the password, so a server with a custom authenticator does not offer it.
 * Implementations are called from connection threads and must be thread-safe.
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * Checks one login attempt.
     *
     * @param username the authentication identity the client sent
     * @param password the password (or, for XOAUTH2, the bearer token)
     * @return {@code true} to accept the login (235), {@code false} to refuse it (535 5.7.8)
     */
    boolean authenticate(String username, String password);
}
