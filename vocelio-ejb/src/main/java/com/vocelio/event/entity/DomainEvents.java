package com.vocelio.event.entity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Where entities announce what happened to them while a boundary works. Each boundary call opens a frame on the
 * working thread; its tenant interceptor closes it and writes the frame's events to the outbox in the boundary's
 * transaction, or drops them when the call fails. Entities stay free of infrastructure, a boundary cannot forget an
 * event its entities raised, and an event raised outside any boundary (a unit test) is recorded by nobody.
 */
public final class DomainEvents {

    private static final ThreadLocal<Deque<List<DomainEvent>>> FRAMES = new ThreadLocal<>();

    private DomainEvents() {}

    public static void raise(DomainEvent event) {
        Deque<List<DomainEvent>> frames = FRAMES.get();
        if (frames != null && !frames.isEmpty()) {
            frames.peek().add(event);
        }
    }

    /** Opens a frame: the events raised until {@link #end} belong to the work that opened it. */
    public static void begin() {
        Deque<List<DomainEvent>> frames = FRAMES.get();
        if (frames == null) {
            frames = new ArrayDeque<>();
            FRAMES.set(frames);
        }
        frames.push(new ArrayList<>());
    }

    /** Closes the innermost frame and returns its events, oldest first. */
    public static List<DomainEvent> end() {
        Deque<List<DomainEvent>> frames = FRAMES.get();
        if (frames == null || frames.isEmpty()) {
            return List.of();
        }
        List<DomainEvent> events = frames.pop();
        if (frames.isEmpty()) {
            FRAMES.remove();
        }
        return events;
    }
}
