package com.vocelio.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.platform.boundary.BusinessException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    private static Throwable wrapped(String sqlState) {
        return new PersistenceException("flush failed", new SQLException("driver says no", sqlState));
    }

    @Test
    void aForeignKeyTakenAMomentAgoIsALostRaceNotA500() {
        // a department deleted while an agent is registered into it: checked, then changed by the other request
        var told = Failures.classify(wrapped("23503")).orElseThrow();
        assertEquals(BusinessException.Kind.CONFLICT, told.kind());
        assertEquals("concurrent_update", told.code());
    }

    @Test
    void aUniqueKeyOrASerializationFailureIsALostRaceToo() {
        for (String state : new String[] {"23505", "40001", "40P01"}) {
            assertEquals(
                    BusinessException.Kind.CONFLICT,
                    Failures.classify(wrapped(state)).orElseThrow().kind(),
                    state);
        }
    }

    @Test
    void aDroppedConnectionIsTheDatabaseAway() {
        assertEquals(
                BusinessException.Kind.UNAVAILABLE,
                Failures.classify(wrapped("08006")).orElseThrow().kind());
    }

    @Test
    void anyOtherFailureIsNotClassified() {
        assertTrue(Failures.classify(wrapped("22001")).isEmpty());
    }
}
