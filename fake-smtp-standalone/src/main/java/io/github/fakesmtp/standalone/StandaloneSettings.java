package io.github.fakesmtp.standalone;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the command line asked for.
 *
 * @param smtp the options of the default SMTP server, in {@link ServerOption}'s words
 * @param httpHost the address the API listens on
 * @param httpPort its port, 0 for a free one, -1 for no API
 * @param dumpDir where each captured message of the default server is written, or null
 * @param quiet whether to leave out the line per message
 */
record StandaloneSettings(Map<ServerOption, Object> smtp, String httpHost, int httpPort, Path dumpDir, boolean quiet) {

    boolean httpEnabled() {
        return httpPort >= 0;
    }
}
