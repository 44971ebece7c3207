package com.vocelio.call.entity;

import com.vocelio.platform.control.WireName;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.EnumSet;
import java.util.Set;

/** Where a call is; the portal colours {@code active, connected, ringing, on_hold, transferring}. */
public enum CallStatus implements WireName {
    RINGING,
    ACTIVE,
    ON_HOLD,
    TRANSFERRING,
    CONNECTED,
    COMPLETED,
    FAILED,
    MISSED,
    ABANDONED;

    public static final Set<CallStatus> LIVE = EnumSet.of(RINGING, ACTIVE, ON_HOLD, TRANSFERRING, CONNECTED);

    public boolean isLive() {
        return LIVE.contains(this);
    }

    @Converter
    public static class Column extends WireName.Column<CallStatus> implements AttributeConverter<CallStatus, String> {
        public Column() {
            super(CallStatus.class);
        }
    }
}
