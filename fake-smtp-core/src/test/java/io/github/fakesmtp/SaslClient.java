package io.github.fakesmtp;

import io.github.fakesmtp.SmtpTestClient.Reply;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client's side of the SASL exchanges (RFC 4954): what a test sends after AUTH, computed independently of
 * the server's own SASL code.
 */
final class SaslClient {

    private SaslClient() {
    }

    /** UTF-8 text as the base64 that SASL responses carry (RFC 4954 section 4). */
    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The text of a 334 challenge, base64-decoded. */
    static String decode(Reply challenge) {
        return new String(Base64.getDecoder().decode(challenge.text()), StandardCharsets.UTF_8);
    }

    /** The CRAM-MD5 digest of a challenge (RFC 2195 section 2): HMAC-MD5 keyed with the password, in hex. */
    static String cramMd5Digest(String password, String challenge) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            return HexFormat.of().formatHex(mac.doFinal(challenge.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is not available in this JVM", e);
        }
    }
}
