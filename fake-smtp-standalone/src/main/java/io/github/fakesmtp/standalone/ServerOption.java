package io.github.fakesmtp.standalone;

import io.github.fakesmtp.BareLineEndingPolicy;
import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.FaultRule;
import io.github.fakesmtp.TlsMode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server options the command line and {@code POST /api/v1/servers} accept, and how each maps onto
 * {@link FakeSmtpServer.Builder}: the one table of their names. The builder alone validates values; what it
 * refuses comes back as an {@link InvalidOption} naming the option, which the command line reports with the
 * flag and the API with the JSON field.
 */
enum ServerOption {
    PORT("port", "--port", "port") {
        @Override
        void apply(FakeSmtpServer.Builder builder, Object value) {
            builder.port((Integer) value);
        }
    },
    HOST(null, "--host", "host") {
        @Override
        void apply(FakeSmtpServer.Builder builder, Object value) {
            builder.host((String) value);
        }
    },
    USERS("users", "--user", "user") {
        @Override
        @SuppressWarnings("unchecked")
        void apply(FakeSmtpServer.Builder builder, Object value) {
            if (value instanceof Map<?, ?> map) {
                ((Map<String, String>) map).forEach(builder::user);
            } else {
                builder.users(((List<String>) value).toArray(String[]::new));
            }
        }
    },
    AUTH_REQUIRED("authRequired", "--auth-required", "authRequired") {
        @Override
        void apply(FakeSmtpServer.Builder builder, Object value) {
            builder.authRequired((Boolean) value);
        }
    },
    ACCEPT_ANY_CREDENTIALS("acceptAnyCredentials", null, "acceptAnyCredentials") {
        @Override
        void apply(FakeSmtpServer.Builder builder, Object value) {
            if ((Boolean) value) {
                builder.acceptAnyCredentials();
            }
        }
    },
    TLS("tls", "--tls", "tls") {
        @Override
        void apply(FakeSmtpServer.Builder builder, Object value) {
            builder.tls((TlsMode) value);
        }
    },
    REQUIRE_TLS("requireTls", null, "requireTls") {
        @Override
        void apply(FakeSmtpServer.Builder builder, Object value) {
            builder.requireTls((Boolean) value);
        }
    },
    MAX_MESSAGE_SIZE("maxMessageSize", "--max-message-size", "maxMessageSize") {
        @Override
        void apply(FakeSmtpServer.Builder builder, Object value) {
            builder.maxMessageSize(((Number) value).longValue());
        }
    },
    MAX_RECIPIENTS("maxRecipients", "--max-recipients", "maxRecipients") {
        @Override
        void apply(FakeSmtpServer.Builder builder, Object value) {
            builder.maxRecipients((Integer) value);
        }
    },
    MAX_CONNECTIONS("maxConnections", null, "maxConnections") {
        @Override
        void apply(FakeSmtpServer.Builder builder, Object value) {
            builder.maxConnections((Integer) value);
        }
    },
    IDLE_TIMEOUT("idleTimeout", null, "idleTimeout") {
        @Override
        void apply(FakeSmtpServer.Builder builder, Object value) {
            builder.idleTimeout((Duration) value);
        }
    },
    BARE_LINE_ENDINGS("bareLineEndings", null, "bareLineEndings") {
        @Override
        void apply(FakeSmtpServer.Builder builder, Object value) {
            builder.bareLineEndings((BareLineEndingPolicy) value);
        }
    },
    SERVER_NAME("serverName", null, "serverName") {
        @Override
        void apply(FakeSmtpServer.Builder builder, Object value) {
            builder.serverName((String) value);
        }
    },
    MAX_STORED_MESSAGES("maxStoredMessages", "--max-messages", "maxStoredMessages") {
        @Override
        void apply(FakeSmtpServer.Builder builder, Object value) {
            builder.maxStoredMessages((Integer) value);
        }
    },
    FAULTS("faults", null, "fault") {
        @Override
        @SuppressWarnings("unchecked")
        void apply(FakeSmtpServer.Builder builder, Object value) {
            ((List<FaultRule>) value).forEach(builder::fault);
        }
    };

    private final String json;
    private final String flag;
    private final String builderName;

    ServerOption(String json, String flag, String builderName) {
        this.json = json;
        this.flag = flag;
        this.builderName = builderName;
    }

    /** @return the field of {@code POST /api/v1/servers}, or null for command-line-only options */
    String json() {
        return json;
    }

    /** @return the command-line flag, or null for API-only options */
    String flag() {
        return flag;
    }

    abstract void apply(FakeSmtpServer.Builder builder, Object value);

    /** Applies the options in order, turning what the builder refuses into an {@link InvalidOption}. */
    static void applyAll(FakeSmtpServer.Builder builder, Map<ServerOption, Object> options) {
        options.forEach((option, value) -> {
            try {
                option.apply(builder, value);
            } catch (IllegalArgumentException e) {
                throw new InvalidOption(option, e.getMessage(), e);
            }
        });
    }

    /** Starts the server; a contradiction the builder finds at start is pinned on the option its message names. */
    static FakeSmtpServer start(FakeSmtpServer.Builder builder) {
        try {
            return builder.start();
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new InvalidOption(namedIn(e.getMessage()), e.getMessage(), e);
        }
    }

    /** The option whose builder method the message names first, e.g. {@code authRequired(true) needs AUTH}. */
    static ServerOption namedIn(String message) {
        ServerOption first = null;
        int at = Integer.MAX_VALUE;
        for (ServerOption option : values()) {
            int index = message == null ? -1 : message.indexOf(option.builderName + "(");
            if (index >= 0 && index < at) {
                first = option;
                at = index;
            }
        }
        return first;
    }

    /** An enum constant by name, any case, or null. */
    static <E extends Enum<E>> E constant(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name.toUpperCase(Locale.ROOT))) {
                return constant;
            }
        }
        return null;
    }
}
