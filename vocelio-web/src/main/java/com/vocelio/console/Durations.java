package com.vocelio.console;

/** How the console writes a number of seconds: {@code 4:07}, or {@code 1:02:09} from an hour on. */
public final class Durations {

    private Durations() {}

    public static String clock(long seconds) {
        long s = Math.max(0, seconds);
        return s >= 3600
                ? "%d:%02d:%02d".formatted(s / 3600, s / 60 % 60, s % 60)
                : "%d:%02d".formatted(s / 60, s % 60);
    }
}
