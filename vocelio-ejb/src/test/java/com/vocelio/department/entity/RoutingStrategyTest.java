package com.vocelio.department.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutingStrategyTest {

    @Test
    void wireNamesAreLowerSnakeCase() {
        assertEquals("longest_idle", RoutingStrategy.LONGEST_IDLE.wireName());
        assertEquals("round_robin", RoutingStrategy.ROUND_ROBIN.wireName());
    }

    @Test
    void wireNamesAreReadForgivingly() {
        assertEquals(Optional.of(RoutingStrategy.FEWEST_CALLS), RoutingStrategy.fromWire("fewest_calls"));
        assertEquals(Optional.of(RoutingStrategy.ROUND_ROBIN), RoutingStrategy.fromWire(" Round-Robin "));
        assertEquals(Optional.of(RoutingStrategy.BEST_RATED), RoutingStrategy.fromWire("BEST_RATED"));
    }

    @Test
    void unknownStrategyIsNoStrategy() {
        assertEquals(Optional.empty(), RoutingStrategy.fromWire("random"));
        assertEquals(Optional.empty(), RoutingStrategy.fromWire(""));
    }

    @Test
    void legalValuesListEveryWireName() {
        assertEquals("longest_idle, fewest_calls, best_rated, round_robin", RoutingStrategy.legalValues());
    }

    @Test
    void columnHoldsTheWireName() {
        var column = new RoutingPolicy.StrategyColumn();

        for (var strategy : RoutingStrategy.values()) {
            String stored = column.convertToDatabaseColumn(strategy);
            assertEquals(strategy.wireName(), stored);
            assertEquals(strategy, column.convertToEntityAttribute(stored));
        }
        assertNull(column.convertToDatabaseColumn(null));
        assertNull(column.convertToEntityAttribute(null));
    }

    @Test
    void unknownColumnValueFailsLoudly() {
        var column = new RoutingPolicy.StrategyColumn();

        var unknown = assertThrows(IllegalStateException.class, () -> column.convertToEntityAttribute("random"));
        assertTrue(unknown.getMessage().contains("random"), unknown.getMessage());
    }
}
