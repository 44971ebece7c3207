package com.vocelio.department.entity;

import com.vocelio.platform.control.WireName;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Embeddable;

/**
 * How a department routes its transfers: who gets the next call, how long an offer stays reserved, how long an
 * agent wraps up, where calls overflow and when, and how long the queue may grow. Defaults suit a small team.
 */
@Embeddable
public class RoutingPolicy {

    public static final int DEFAULT_RESERVATION_TIMEOUT_SECONDS = 20;
    public static final int DEFAULT_WRAP_UP_SECONDS = 30;
    public static final int DEFAULT_OVERFLOW_AFTER_SECONDS = 120;
    public static final int DEFAULT_WIDEN_AFTER_SECONDS = 60;
    public static final int DEFAULT_MAX_QUEUE_LENGTH = 100;

    @Convert(converter = StrategyColumn.class)
    @Column(name = "routing_strategy", nullable = false, length = 20)
    private RoutingStrategy strategy = RoutingStrategy.LONGEST_IDLE;

    @Column(name = "reservation_timeout_seconds", nullable = false)
    private int reservationTimeoutSeconds = DEFAULT_RESERVATION_TIMEOUT_SECONDS;

    @Column(name = "wrap_up_seconds", nullable = false)
    private int wrapUpSeconds = DEFAULT_WRAP_UP_SECONDS;

    @Column(name = "overflow_after_seconds", nullable = false)
    private int overflowAfterSeconds = DEFAULT_OVERFLOW_AFTER_SECONDS;

    /** After this wait a transfer's preferred skills no longer count, only its required ones. */
    @Column(name = "widen_after_seconds", nullable = false)
    private int widenAfterSeconds = DEFAULT_WIDEN_AFTER_SECONDS;

    @Column(name = "max_queue_length", nullable = false)
    private int maxQueueLength = DEFAULT_MAX_QUEUE_LENGTH;

    public RoutingStrategy strategy() {
        return strategy;
    }

    public int reservationTimeoutSeconds() {
        return reservationTimeoutSeconds;
    }

    public int wrapUpSeconds() {
        return wrapUpSeconds;
    }

    public int overflowAfterSeconds() {
        return overflowAfterSeconds;
    }

    public int widenAfterSeconds() {
        return widenAfterSeconds;
    }

    public int maxQueueLength() {
        return maxQueueLength;
    }

    void setStrategy(RoutingStrategy strategy) {
        this.strategy = strategy;
    }

    void setReservationTimeoutSeconds(int seconds) {
        this.reservationTimeoutSeconds = seconds;
    }

    void setWrapUpSeconds(int seconds) {
        this.wrapUpSeconds = seconds;
    }

    void setOverflowAfterSeconds(int seconds) {
        this.overflowAfterSeconds = seconds;
    }

    void setWidenAfterSeconds(int seconds) {
        this.widenAfterSeconds = seconds;
    }

    void setMaxQueueLength(int length) {
        this.maxQueueLength = length;
    }

    @Converter
    public static class StrategyColumn extends WireName.Column<RoutingStrategy>
            implements AttributeConverter<RoutingStrategy, String> {
        public StrategyColumn() {
            super(RoutingStrategy.class);
        }
    }
}
