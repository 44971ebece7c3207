package com.vocelio.analytics.entity;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** A named stretch of time, from {@code since} (included) to {@code until} (excluded). */
public record Window(String name, Instant since, Instant until) {

    /** The last {@code period} up to {@code now}. */
    public static Window last(String name, Duration period, Instant now) {
        return new Window(name, now.minus(period), end(now));
    }

    /** The {@code period} before the last one: what the last one is compared with. */
    public static Window previous(String name, Duration period, Instant now) {
        return new Window(name, now.minus(period.multipliedBy(2)), now.minus(period));
    }

    /** From midnight of {@code now}'s day in {@code zone}. */
    public static Window today(Instant now, ZoneId zone) {
        return new Window(
                "today", LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant(), end(now));
    }

    /** From Monday midnight of {@code now}'s week in {@code zone}. */
    public static Window thisWeek(Instant now, ZoneId zone) {
        LocalDate monday = LocalDate.ofInstant(now, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new Window("week", monday.atStartOfDay(zone).toInstant(), end(now));
    }

    /** Everything up to now. */
    public static Window allTime(Instant now) {
        return new Window("all", Instant.EPOCH, end(now));
    }

    /** Just past now, so that a row written this microsecond counts. */
    private static Instant end(Instant now) {
        return now.plus(1, ChronoUnit.SECONDS);
    }
}
