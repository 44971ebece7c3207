package com.vocelio.transfer.entity;

/** Where a waiting transfer stands: 1-based position and seconds to wait; {@code 0, 0} once it left the queue. */
public record Spot(int position, long estimatedWaitSeconds) {

    public static final Spot NONE = new Spot(0, 0);

    /** The estimated wait at a 1-based position, at a pace in seconds per position. */
    public static Spot at(long position, double pace) {
        return new Spot((int) position, Math.round(Math.ceil(position * pace)));
    }
}
