package com.vocelio.identity.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a user may do; the wire name is the token's {@code groups} entry and the {@code @RolesAllowed} name. */
public enum Role {
    /** runs the organization: departments, users, everything */
    ADMIN,
    /** runs the floor: agents, queues, transfers */
    SUPERVISOR,
    /** a human who takes calls; may change only their own status */
    AGENT,
    /** an AI voice agent's machine credential: requests transfers, reads what routing needs */
    SERVICE;

    public static final String ADMIN_NAME = "admin";
    public static final String SUPERVISOR_NAME = "supervisor";
    public static final String AGENT_NAME = "agent";
    public static final String SERVICE_NAME = "service";

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Arrays.stream(values())
                .filter(r -> r.wireName().equalsIgnoreCase(value.strip()))
                .findFirst();
    }

    public static String legalValues() {
        return Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", "));
    }

    @jakarta.persistence.Converter
    public static class Column implements jakarta.persistence.AttributeConverter<Role, String> {
        @Override
        public String convertToDatabaseColumn(Role role) {
            return role == null ? null : role.wireName();
        }

        @Override
        public Role convertToEntityAttribute(String column) {
            return column == null ? null : fromWire(column).orElseThrow();
        }
    }
}
