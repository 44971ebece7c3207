package com.vocelio.transfer.entity;

import com.vocelio.platform.control.WireName;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Optional;

/** How the AI hands over: warm (it introduces the caller), cold, conference (it stays on), blind (no hand-over). */
public enum TransferType implements WireName {
    WARM,
    COLD,
    CONFERENCE,
    BLIND;

    public static Optional<TransferType> fromWire(String value) {
        return WireName.parse(TransferType.class, value);
    }

    @Converter
    public static class Column extends WireName.Column<TransferType>
            implements AttributeConverter<TransferType, String> {
        public Column() {
            super(TransferType.class);
        }
    }
}
