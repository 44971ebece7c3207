package com.vocelio.agent.entity;

import static com.vocelio.platform.boundary.Refusals.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.agent.boundary.Agents;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentStatusTest {

    @Test
    void wireNamesAreLowerSnakeCase() {
        assertEquals("wrap_up", AgentStatus.WRAP_UP.wireName());
        assertEquals("on_break", AgentStatus.ON_BREAK.wireName());
    }

    @Test
    void wireNamesAreReadForgivingly() {
        assertEquals(Optional.of(AgentStatus.AVAILABLE), AgentStatus.fromWire("available"));
        assertEquals(Optional.of(AgentStatus.ON_BREAK), AgentStatus.fromWire(" On-Break "));
        assertEquals(Optional.of(AgentStatus.WRAP_UP), AgentStatus.fromWire("WRAP_UP"));
    }

    @Test
    void unknownOrAbsentStatusIsNoStatus() {
        assertEquals(Optional.empty(), AgentStatus.fromWire("sleeping"));
        assertEquals(Optional.empty(), AgentStatus.fromWire(""));
        assertEquals(Optional.empty(), AgentStatus.fromWire(null));
    }

    @Test
    void legalValuesListEveryWireName() {
        assertEquals("available, busy, wrap_up, on_break, offline", AgentStatus.legalValues());
    }

    @Test
    void unknownStatusListsTheLegalOnes() {
        // the status is checked before the agent is looked up, so no persistence is needed here
        var e = assertInvalid("status", () -> new Agents().changeStatus("alice", "sleeping"));

        assertTrue(e.getMessage().contains(AgentStatus.legalValues()), e.getMessage());
        assertTrue(e.getMessage().contains("'sleeping'"), e.getMessage());
    }

    @Test
    void missingStatusListsTheLegalOnes() {
        var e = assertInvalid("status", () -> new Agents().changeStatus("alice", null));

        assertTrue(e.getMessage().contains(AgentStatus.legalValues()), e.getMessage());
    }

    @Test
    void columnHoldsTheWireName() {
        var column = new AgentStatus.Column();

        for (var status : AgentStatus.values()) {
            String stored = column.convertToDatabaseColumn(status);
            assertEquals(status.wireName(), stored);
            assertEquals(status, column.convertToEntityAttribute(stored));
        }
        assertNull(column.convertToDatabaseColumn(null));
        assertNull(column.convertToEntityAttribute(null));
        var unknown = assertThrows(IllegalStateException.class, () -> column.convertToEntityAttribute("sleeping"));
        assertTrue(unknown.getMessage().contains("sleeping"), unknown.getMessage());
    }
}
