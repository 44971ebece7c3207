package com.vocelio.event.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events belong to the unit of work that raised them, and none is kept outside one. */
class DomainEventsTest {

    static DomainEvent named(String type) {
        return DomainEvent.of(type, DomainEvent.TRANSFERS, JsonValue.EMPTY_JSON_OBJECT);
    }

    @Test
    void eventsRaisedOutsideAnyUnitOfWorkAreRecordedByNobody() {
        DomainEvents.raise(named("stray"));
        DomainEvents.begin();
        assertTrue(DomainEvents.end().isEmpty());
    }

    @Test
    void aNestedUnitOfWorkKeepsItsOwnEventsAndTheOuterOneItsOwn() {
        DomainEvents.begin();
        DomainEvents.raise(named("outer_1"));
        DomainEvents.begin();
        DomainEvents.raise(named("inner"));
        assertEquals(List.of("inner"), types(DomainEvents.end()));
        DomainEvents.raise(named("outer_2"));
        assertEquals(List.of("outer_1", "outer_2"), types(DomainEvents.end()));
        assertTrue(DomainEvents.end().isEmpty());
    }

    private static List<String> types(List<DomainEvent> events) {
        return events.stream().map(DomainEvent::type).toList();
    }
}
