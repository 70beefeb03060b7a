package io.github.fakesmtp.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AUTH exchange (RFC 4954 section 4) for the mechanisms PLAIN (RFC 4616), LOGIN, CRAM-MD5 (RFC 2195)
 * and XOAUTH2. It sends the 334 challenges itself and leaves the final reply to the session.
 */
final class SaslExchange {

    /** How an exchange ended. */
    enum Outcome {
        SUCCESS, FAILED, CANCELLED, UNDECODABLE, DISCONNECTED
    }

    /** Sends a 334 challenge and returns the client's response line, or null when the client is gone. */
    interface Channel {
        String challenge(String base64) throws IOException;
    }

    private static final String CANCEL = "*";
    private static final String XOAUTH2_ERROR = Base64.getEncoder().encodeToString(
            "{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"https://mail.google.com/\"}"
                    .getBytes(StandardCharsets.US_ASCII));

    private final Credentials credentials;
    private final Channel channel;
    private final String serverName;
    private String user;
    private String attemptedUser;

    SaslExchange(Credentials credentials, Channel channel, String serverName) {
        this.credentials = credentials;
        this.channel = channel;
        this.serverName = serverName;
    }

    /** The user who logged in, after {@link Outcome#SUCCESS}. */
    String user() {
        return user;
    }

    /** The user the client tried to log in as, once its credentials were read; else null. */
    String attemptedUser() {
        return attemptedUser;
    }

    /**
     * @param mechanism an offered mechanism, upper case
     * @param initialResponse the optional initial response of the AUTH command (RFC 4954 section 4), or null
     */
    Outcome run(String mechanism, String initialResponse) throws IOException {
        try {
            return switch (mechanism.toUpperCase(Locale.ROOT)) {
                case "PLAIN" -> plain(initialResponse);
                case "LOGIN" -> login(initialResponse);
                case "CRAM-MD5" -> initialResponse != null ? Outcome.UNDECODABLE : cramMd5();
                case "XOAUTH2" -> xoauth2(initialResponse);
                default -> throw new IllegalArgumentException(mechanism);
            };
        } catch (Cancelled e) {
            return Outcome.CANCELLED;
        } catch (Gone e) {
            return Outcome.DISCONNECTED;
        } catch (IllegalArgumentException badBase64) {
            return Outcome.UNDECODABLE;
        }
    }

    private Outcome plain(String initialResponse) throws IOException {
        String message = initialResponse != null ? decode(initialResponse) : decode(ask(""));
        String[] parts = message.split("\0", -1);
        if (parts.length != 3) {
            return Outcome.FAILED;
        }
        String authorizationId = parts[0];
        String username = parts[1];
        if (!authorizationId.isEmpty() && !authorizationId.equals(username)) {
            return Outcome.FAILED; // acting for another user is not supported
        }
        return verify(username, parts[2]);
    }

    private Outcome login(String initialResponse) throws IOException {
        String username = initialResponse != null ? decode(initialResponse) : decode(ask(base64("Username:")));
        String password = decode(ask(base64("Password:")));
        return verify(username, password);
    }

    private Outcome cramMd5() throws IOException {
        String challenge = "<" + new SecureRandom().nextLong() + "." + System.currentTimeMillis() + "@" + serverName + ">";
        String response = decode(ask(base64(challenge)));
        int space = response.lastIndexOf(' ');
        if (space <= 0) {
            return Outcome.FAILED;
        }
        String username = response.substring(0, space);
        attemptedUser = username;
        String digest = response.substring(space + 1).toLowerCase(Locale.ROOT);
        if (credentials.acceptsAny()) {
            user = username;
            return Outcome.SUCCESS;
        }
        String password = credentials.passwordOf(username);
        if (password == null) {
            return Outcome.FAILED;
        }
        byte[] expected = hmacMd5(password, challenge).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, digest.getBytes(StandardCharsets.US_ASCII))) {
            return Outcome.FAILED;
        }
        user = username;
        return Outcome.SUCCESS;
    }

    /** {@code user=NAME^Aauth=Bearer TOKEN^A^A}; a failure is a 334 JSON error the client must answer first. */
    private Outcome xoauth2(String initialResponse) throws IOException {
        String message = initialResponse != null ? decode(initialResponse) : decode(ask(""));
        String username = null;
        String token = null;
        for (String field : message.split("\u0001")) {
            if (field.startsWith("user=")) {
                username = field.substring(5);
            } else if (field.regionMatches(true, 0, "auth=Bearer ", 0, 12)) {
                token = field.substring(12);
            }
        }
        if (username != null && token != null && verify(username, token) == Outcome.SUCCESS) {
            return Outcome.SUCCESS;
        }
        ask(XOAUTH2_ERROR);
        return Outcome.FAILED;
    }

    private Outcome verify(String username, String password) {
        attemptedUser = username;
        if (credentials.check(username, password)) {
            user = username;
            return Outcome.SUCCESS;
        }
        return Outcome.FAILED;
    }

    private String ask(String base64Challenge) throws IOException {
        String response = channel.challenge(base64Challenge);
        if (response == null) {
            throw new Gone();
        }
        if (response.equals(CANCEL)) {
            throw new Cancelled();
        }
        return response;
    }

    /** Decodes a base64 response; {@code =} is the empty initial response (RFC 4954 section 4). */
    private static String decode(String base64) {
        if (base64.equals("=") || base64.isEmpty()) {
            return "";
        }
        return new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmacMd5(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is not available in this JVM", e);
        }
    }

    private static final class Cancelled extends IOException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super(null, null);
        }
    }

    private static final class Gone extends IOException {
        private static final long serialVersionUID = 1L;

        Gone() {
            super(null, null);
        }
    }
}
