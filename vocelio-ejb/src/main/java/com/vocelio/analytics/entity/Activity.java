package com.vocelio.analytics.entity;

/**
 * The organization's activity over one window: calls started, transfers requested and completed in it, the average
 * wait of its transfers that reached a human (seconds), and the calls live now (the same for every window).
 */
public record Activity(
        long calls, long transfersRequested, long transfersCompleted, double averageWaitSeconds, long liveCalls) {

    /** Nothing happened: what a caller without an organization is shown. */
    public static final Activity NONE = new Activity(0, 0, 0, 0, 0);

    /** Completed transfers over requested ones, in percent with one decimal; 0 when none was requested. */
    public double conversionRate() {
        return transfersRequested == 0 ? 0 : Math.round(1000.0 * transfersCompleted / transfersRequested) / 10.0;
    }

    /** The change of calls against an earlier window, in percent with one decimal; 0 when there was none before. */
    public double callChangeSince(Activity earlier) {
        return earlier.calls == 0 ? 0 : Math.round(1000.0 * (calls - earlier.calls) / earlier.calls) / 10.0;
    }
}
