package io.imsg.examples.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a point in time for {@code --since} and {@code --until}: an instant ({@code 2025-05-01T10:00:00Z}),
 * a time with an offset ({@code 2025-05-01T12:00+02:00}), or a local date-time or date taken as UTC
 * ({@code 2025-05-01T10:00}, {@code 2025-05-01}).
 */
final class IsoInstant implements ITypeConverter<Instant> {

    static final String EXAMPLES = "2025-05-01T10:00:00Z, 2025-05-01T12:00+02:00, 2025-05-01T10:00 (UTC)"
            + " or 2025-05-01 (UTC midnight)";

    @Override
    public Instant convert(String text) {
        String value = text.strip();
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            // try the next form
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
            // try the next form
        }
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            throw new TypeConversionException("'" + text + "' is not an ISO-8601 time; use e.g. " + EXAMPLES);
        }
    }
}
