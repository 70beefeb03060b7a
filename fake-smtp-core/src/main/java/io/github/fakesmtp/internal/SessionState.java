package io.github.fakesmtp.internal;

import java.net.InetSocketAddress;

/**
 * What one connection has established, apart from the mail transaction ({@link Transaction}): the client's
 * greeting, TLS, the logged-in user. Each reset rule of RFC 5321 section 4.1.4 and RFC 3207 section 4.2 is
 * one method here.
 */
final class SessionState {

    private final int connectionIndex;
    private final InetSocketAddress clientAddress;
    private boolean greetingRefused;
    private String heloName;
    private boolean esmtp;
    private boolean tls;
    private String authenticatedUser;
    private int messagesAccepted;

    SessionState(int connectionIndex, InetSocketAddress clientAddress) {
        this.connectionIndex = connectionIndex;
        this.clientAddress = clientAddress;
    }

    /** RFC 5321 section 3.1: a negative greeting other than 421; from now on only QUIT is served. */
    void refuseService() {
        greetingRefused = true;
    }

    /** RFC 5321 section 4.1.4: EHLO or HELO, again or for the first time, replaces what the last one said. */
    void hello(String name, boolean extended) {
        heloName = name;
        esmtp = extended;
    }

    /** RFC 3207 section 4.2: after the handshake the server forgets what the client said; EHLO must come again. */
    void tlsStarted() {
        tls = true;
        heloName = null;
        esmtp = false;
        authenticatedUser = null;
    }

    /** RFC 4954 section 4: a successful AUTH holds until the connection ends or STARTTLS. */
    void authenticated(String user) {
        authenticatedUser = user;
    }

    /** Counts a message the server has just accepted. */
    void messageAccepted() {
        messagesAccepted++;
    }

    int connectionIndex() {
        return connectionIndex;
    }

    InetSocketAddress clientAddress() {
        return clientAddress;
    }

    boolean greetingRefused() {
        return greetingRefused;
    }

    /** The EHLO/HELO argument, or null before one. */
    String heloName() {
        return heloName;
    }

    /** Whether the client greeted with EHLO, so service extensions apply. */
    boolean esmtp() {
        return esmtp;
    }

    boolean tls() {
        return tls;
    }

    /** Who logged in with AUTH, or null. */
    String authenticatedUser() {
        return authenticatedUser;
    }

    int messagesAccepted() {
        return messagesAccepted;
    }
}
