package com.vocelio.transfer.entity;

import com.vocelio.platform.control.WireName;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.EnumSet;
import java.util.Set;

/**
 * A transfer's way: {@code queued → offered → connecting → connected → completed}. A rejected or timed-out offer
 * goes back to {@code queued} at its old place; {@code abandoned} (the caller hung up), {@code canceled} and
 * {@code failed} end it early.
 */
public enum TransferStatus implements WireName {
    QUEUED,
    OFFERED,
    CONNECTING,
    CONNECTED,
    COMPLETED,
    ABANDONED,
    CANCELED,
    FAILED;

    /** At most one open transfer per call (a partial unique index says so too). */
    public static final Set<TransferStatus> OPEN = EnumSet.of(QUEUED, OFFERED, CONNECTING, CONNECTED);

    public boolean isOpen() {
        return OPEN.contains(this);
    }

    @Converter
    public static class Column extends WireName.Column<TransferStatus>
            implements AttributeConverter<TransferStatus, String> {
        public Column() {
            super(TransferStatus.class);
        }
    }
}
