package com.vocelio.transfer.entity;

import com.vocelio.platform.control.WireName;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Optional;

/** How soon a human must take the call; the queue serves higher urgency first, then older requests. */
public enum Urgency implements WireName {
    LOW(1),
    MEDIUM(2),
    HIGH(3),
    CRITICAL(4);

    private final int rank;

    Urgency(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public static Optional<Urgency> fromWire(String value) {
        return WireName.parse(Urgency.class, value);
    }

    @Converter
    public static class Column extends WireName.Column<Urgency> implements AttributeConverter<Urgency, String> {
        public Column() {
            super(Urgency.class);
        }
    }
}
