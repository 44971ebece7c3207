package com.vocelio.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vocelio.event.boundary.EventLog;
import com.vocelio.event.control.Subscribers;
import com.vocelio.event.entity.StoredEvent;
import com.vocelio.event.entity.StoredEvent.Position;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Resuming: the missed events first, then live ones, each once, in delivery order — even while both overlap. */
class ResumableSubscriberTest {

    static final String TENANT = "t1";

    static StoredEvent event(long tx, long id) {
        return new StoredEvent(id, tx, TENANT, "transfer_queued", "transfers", OffsetDateTime.now(), "{}");
    }

    /** The log as the table holds it; the relay delivers the given events while the first page is read. */
    static class Log extends EventLog {
        final List<StoredEvent> rows = new ArrayList<>();
        Runnable duringRead = () -> {};

        @Override
        public Optional<Position> positionOf(String tenantId, long eventId) {
            return rows.stream()
                    .filter(e -> e.id() == eventId)
                    .map(StoredEvent::position)
                    .findFirst();
        }

        @Override
        public List<StoredEvent> after(String tenantId, Position position, long minimumId, int limit) {
            Runnable live = duringRead;
            duringRead = () -> {};
            live.run();
            return rows.stream()
                    .filter(e -> e.position().after(position) && e.id() > minimumId)
                    .sorted(Comparator.comparing(StoredEvent::position))
                    .limit(limit)
                    .toList();
        }
    }

    static class Recorded extends ResumableSubscriber {
        final List<Long> ids = new ArrayList<>();

        Recorded(int capacity) {
            super(TENANT, new SendQueueTest.Recording(capacity));
        }

        @Override
        protected void emit(StoredEvent event) {
            ids.add(event.id());
        }

        @Override
        protected boolean isOpen() {
            return !cutOff;
        }

        boolean cutOff;

        @Override
        protected void cutOff() {
            cutOff = true;
        }

        @Override
        protected void unavailable() {
            cutOff = true;
        }
    }

    static LiveSubscriptions live(Subscribers subscribers, EventLog log) {
        var live = new LiveSubscriptions();
        live.subscribers = subscribers;
        live.log = log;
        return live;
    }

    /** Subscribes and catches up the way sockets and streams do. */
    static void resume(Recorded subscriber, Subscribers subscribers, EventLog log, Long since) {
        var live = live(subscribers, log);
        live.hold(subscriber);
        live.catchUp(subscriber, since);
    }

    @Test
    void missedEventsComeInDeliveryOrderThenLiveOnesWithoutDuplicates() {
        var log = new Log();
        // id 7 was drawn before id 8 but committed in a later transaction: (tx, id) order puts it after
        var e5 = event(100, 5);
        var e6 = event(101, 6);
        var e8 = event(102, 8);
        var e7 = event(103, 7);
        var e9 = event(104, 9);
        log.rows.addAll(List.of(e5, e6, e8, e7, e9));
        var subscribers = new Subscribers();
        var subscriber = new Recorded(1000);
        // while the log is read, the relay already delivers e9 (also in the log) and a newer e10
        var e10 = event(105, 10);
        log.duringRead = () -> {
            subscribers.deliver(e9);
            subscribers.deliver(e10);
        };

        resume(subscriber, subscribers, log, 5L);

        assertEquals(List.of(6L, 8L, 7L, 9L, 10L), subscriber.ids);
        subscribers.deliver(e10); // a repeat never passes twice
        subscribers.deliver(event(106, 11));
        assertEquals(List.of(6L, 8L, 7L, 9L, 10L, 11L), subscriber.ids);
    }

    @Test
    void resumingFromAPurgedIdStartsAtTheNextKeptOne() {
        var log = new Log();
        log.rows.addAll(List.of(event(100, 5), event(101, 6)));
        var subscriber = new Recorded(1000);
        resume(subscriber, new Subscribers(), log, 3L);
        assertEquals(List.of(5L, 6L), subscriber.ids);
    }

    @Test
    void aLongBacklogIsReadPageByPage() {
        var log = new Log();
        for (int i = 1; i <= 1000; i++) {
            log.rows.add(event(1000 + i, i));
        }
        var subscriber = new Recorded(100); // pages of 50
        resume(subscriber, new Subscribers(), log, 1L);
        assertEquals(999, subscriber.ids.size());
        assertEquals(2L, subscriber.ids.get(0));
        assertEquals(1000L, subscriber.ids.get(998));
    }

    @Test
    void aSubscriberThatFallsTooFarBehindWhileItsHistoryIsReadIsCutOffNotBuffered() {
        var subscribers = new Subscribers();
        var subscriber = new Recorded(1000);
        live(subscribers, new Log()).hold(subscriber);
        for (int i = 1; i <= ResumableSubscriber.HELD_MAX + 1; i++) {
            subscribers.deliver(event(i, i));
        }
        assertEquals(true, subscriber.cutOff);
        subscriber.release();
        subscribers.deliver(event(ResumableSubscriber.HELD_MAX + 2, ResumableSubscriber.HELD_MAX + 2));
        assertEquals(List.of(), subscriber.ids, "nothing after the cut");
    }

    @Test
    void anotherOrganizationsEventsNeverReachTheSubscriber() {
        var subscribers = new Subscribers();
        var subscriber = new Recorded(1000);
        resume(subscriber, subscribers, new Log(), null);
        subscribers.deliver(new StoredEvent(1, 1, "t2", "transfer_queued", "transfers", OffsetDateTime.now(), "{}"));
        subscribers.deliver(event(2, 2));
        assertEquals(List.of(2L), subscriber.ids);
    }
}
