package com.vocelio.agent.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where a human agent is in their day. Only {@link #AVAILABLE} agents are offered calls. */
public enum AgentStatus {
    AVAILABLE,
    BUSY,
    WRAP_UP,
    ON_BREAK,
    OFFLINE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AgentStatus> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String normalized = value.strip().replace('-', '_');
        return Arrays.stream(values())
                .filter(s -> s.wireName().equalsIgnoreCase(normalized))
                .findFirst();
    }

    public static String legalValues() {
        return Arrays.stream(values()).map(AgentStatus::wireName).collect(Collectors.joining(", "));
    }

    /** Stored as its wire name, as the schema's check constraint expects. */
    @jakarta.persistence.Converter
    public static class Column implements jakarta.persistence.AttributeConverter<AgentStatus, String> {
        @Override
        public String convertToDatabaseColumn(AgentStatus status) {
            return status == null ? null : status.wireName();
        }

        @Override
        public AgentStatus convertToEntityAttribute(String column) {
            return column == null ? null : fromWire(column).orElseThrow();
        }
    }
}
