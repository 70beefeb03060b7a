package io.github.fakesmtp.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Durations as the API and the command line take them: ISO-8601 ({@code PT2S}, {@code PT1M30S}) or seconds ({@code 2}, {@code 0.5}). */
final class Durations {

    private Durations() {
    }

    static Duration parse(String text, String field) {
        String value = text.trim();
        Duration duration;
        try {
            if (!value.isEmpty() && (Character.isDigit(value.charAt(0)) || value.charAt(0) == '.')) {
                duration = seconds(new BigDecimal(value));
            } else {
                duration = Duration.parse(value);
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw Problem.badField(field, field + " takes an ISO-8601 duration such as PT30S or a number of seconds, not '"
                    + text + "'");
        }
        if (duration.isNegative()) {
            throw Problem.badField(field, field + " must not be negative, was '" + text + "'");
        }
        return duration;
    }

    static Duration parse(JsonNode value, String field) {
        if (value.isNumber()) {
            if (value.doubleValue() < 0) {
                throw Problem.badField(field, field + " must not be negative, was " + value);
            }
            return seconds(value.decimalValue());
        }
        if (value.isTextual()) {
            return parse(value.asText(), field);
        }
        throw Problem.badField(field, field + " takes an ISO-8601 duration such as \"PT30S\" or a number of seconds, was " + value);
    }

    private static Duration seconds(BigDecimal seconds) {
        return Duration.ofNanos(seconds.movePointRight(9).toBigInteger().longValueExact());
    }
}
