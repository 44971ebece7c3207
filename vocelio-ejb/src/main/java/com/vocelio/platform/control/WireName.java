package com.vocelio.platform.control;

import jakarta.persistence.AttributeConverter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Enums the way clients and the schema spell them: lower case with underscores ({@code on_break}), read in any case
 * and with dashes ({@code On-Break}). One rule for statuses, roles, strategies and whatever comes next.
 */
public interface WireName {

    String name();

    default String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E> & WireName> Optional<E> parse(Class<E> type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        String normalized = value.strip().replace('-', '_');
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.wireName().equalsIgnoreCase(normalized))
                .findFirst();
    }

    /** "available, busy, …": for messages that list what is allowed. */
    static <E extends Enum<E> & WireName> String legalValues(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireName::wireName).collect(Collectors.joining(", "));
    }

    /**
     * Stores the wire name, as the schema's check constraints expect. Subclasses repeat
     * {@code implements AttributeConverter<X, String>}: EclipseLink reads the attribute type from the converter
     * class's own declaration and does not look through a generic superclass.
     */
    abstract class Column<E extends Enum<E> & WireName> implements AttributeConverter<E, String> {

        private final Class<E> type;

        protected Column(Class<E> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(E value) {
            return value == null ? null : value.wireName();
        }

        @Override
        public E convertToEntityAttribute(String column) {
            return column == null
                    ? null
                    : parse(type, column)
                            .orElseThrow(() -> new IllegalStateException(
                                    "Unknown " + type.getSimpleName() + " in the database: " + column));
        }
    }
}
