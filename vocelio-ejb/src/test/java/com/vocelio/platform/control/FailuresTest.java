package com.vocelio.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.platform.boundary.BusinessException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.eclipse.persistence.exceptions.DatabaseException;
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

    /**
     * EclipseLink pings the connection after a failed statement and flags the failure as a lost connection when the
     * ping fails, which in PostgreSQL it does inside the transaction the failed statement aborted. A statement the
     * server refused (here: PostgreSQL 15's "non-integer constant in ORDER BY", once answered 503 for a bug) is ours.
     */
    @Test
    void aStatementTheServerRefusedIsNotTheDatabaseAwayWhateverThePingSaid() {
        var refused = DatabaseException.sqlException(
                new SQLException("ERROR: non-integer constant in ORDER BY", "42601"), null, null, true);
        assertTrue(refused.isCommunicationFailure());
        assertTrue(Failures.classify(new PersistenceException(refused)).isEmpty());
        var dropped = DatabaseException.sqlException(
                new SQLException("An I/O error occurred while sending to the backend.", "08006"), null, null, true);
        assertEquals(
                BusinessException.Kind.UNAVAILABLE,
                Failures.classify(new PersistenceException(dropped))
                        .orElseThrow()
                        .kind());
        var silent = DatabaseException.sqlException(new SQLException("no state"), null, null, true);
        assertEquals(
                BusinessException.Kind.UNAVAILABLE,
                Failures.classify(silent).orElseThrow().kind());
    }

    @Test
    void anyOtherFailureIsNotClassified() {
        assertTrue(Failures.classify(wrapped("22001")).isEmpty());
    }
}
