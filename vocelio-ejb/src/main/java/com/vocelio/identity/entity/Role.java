package com.vocelio.identity.entity;

import com.vocelio.platform.control.WireName;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Optional;

/** What a user may do; the wire name is the token's {@code groups} entry and the {@code @RolesAllowed} name. */
public enum Role implements WireName {
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

    public static Optional<Role> fromWire(String value) {
        return WireName.parse(Role.class, value);
    }

    public static String legalValues() {
        return WireName.legalValues(Role.class);
    }

    @Converter
    public static class Column extends WireName.Column<Role> implements AttributeConverter<Role, String> {
        public Column() {
            super(Role.class);
        }
    }
}
