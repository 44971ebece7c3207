package com.vocelio.agent.entity;

import com.vocelio.platform.control.WireName;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Optional;

/** Where a human agent is in their day. Only {@link #AVAILABLE} agents are offered calls. */
public enum AgentStatus implements WireName {
    AVAILABLE,
    BUSY,
    WRAP_UP,
    ON_BREAK,
    OFFLINE;

    public static Optional<AgentStatus> fromWire(String value) {
        return WireName.parse(AgentStatus.class, value);
    }

    public static String legalValues() {
        return WireName.legalValues(AgentStatus.class);
    }

    @Converter
    public static class Column extends WireName.Column<AgentStatus> implements AttributeConverter<AgentStatus, String> {
        public Column() {
            super(AgentStatus.class);
        }
    }
}
