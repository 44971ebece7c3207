package com.vocelio.platform.control;

import com.vocelio.platform.boundary.BusinessException;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.transaction.SystemException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;
import org.eclipse.persistence.exceptions.DatabaseException;

/**
 * Tells the two failures that are nobody's fault from every other: a lost race (another transaction changed or
 * locked the row first: an optimistic version clash, a unique key taken a moment ago, a deadlock, a serialization
 * failure) is a 409 that may be retried; a database that does not answer (refused, dropped or terminated
 * connections, a pool that cannot hand one out) is a 503 with Retry-After. Read from the whole cause chain, since
 * the JPA provider, the pool and the EJB container each wrap what the driver said.
 */
public final class Failures {

    /** Seconds a client should wait before retrying while the database is away. */
    public static final long RETRY_AFTER_SECONDS = 2;

    private static final Set<String> LOST_RACE = Set.of(
            "40001", // serialization_failure
            "40P01", // deadlock_detected
            "55P03", // lock_not_available
            "23505", // unique_violation: the key was free when we looked
            "23503"); // foreign_key_violation: the row was unreferenced (or there) when we looked

    private static final Set<String> UNAVAILABLE = Set.of(
            "57P01", // admin_shutdown (pg_terminate_backend, a stopping server)
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now (starting up, shutting down)
            "53300"); // too_many_connections

    private Failures() {}

    /** The failure as the client should hear it, when it is one of the two; otherwise empty. */
    public static Optional<BusinessException> classify(Throwable failure) {
        if (databaseUnavailable(failure)) {
            return Optional.of(BusinessException.unavailable(
                    "database_unavailable",
                    "The database is not available right now; retry in a few seconds",
                    RETRY_AFTER_SECONDS));
        }
        if (lostRace(failure)) {
            return Optional.of(new BusinessException(
                    BusinessException.Kind.CONFLICT,
                    "concurrent_update",
                    "Another request changed this at the same moment; the change was not made and may be retried"));
        }
        return Optional.empty();
    }

    public static boolean lostRace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof OptimisticLockException
                    || cause instanceof org.eclipse.persistence.exceptions.OptimisticLockException
                    || cause instanceof PessimisticLockException
                    || cause instanceof LockTimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql && LOST_RACE.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public static boolean databaseUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof BusinessException told && told.kind() == BusinessException.Kind.UNAVAILABLE) {
                return true; // already classified (by a boundary's unit of work)
            }
            if (cause instanceof DatabaseException database
                    && database.isCommunicationFailure()
                    && !refusedByTheServer(database)) {
                return true;
            }
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || UNAVAILABLE.contains(state))) {
                    return true;
                }
                String message = String.valueOf(sql.getMessage());
                // the application server's pool, when it cannot open or hand out a connection
                if (message.contains("Error in allocating a connection")
                        || message.contains("Connection could not be allocated")) {
                    return true;
                }
            }
            if (cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SystemException) {
                return true; // the commit itself failed: the database is the one resource a transaction holds
            }
        }
        return false;
    }

    /**
     * EclipseLink flags a failed statement as a lost connection when its ping after it fails, and in PostgreSQL that
     * ping fails inside the transaction the statement aborted (25P02). A state the server gave the statement itself,
     * other than a connection's, says the server answered: the statement is at fault (a bug: 500), not the database.
     */
    private static boolean refusedByTheServer(DatabaseException database) {
        return database.getInternalException() instanceof SQLException sql
                && sql.getSQLState() != null
                && !sql.getSQLState().startsWith("08")
                && !UNAVAILABLE.contains(sql.getSQLState());
    }

    private static Throwable next(Throwable cause) {
        if (cause instanceof SQLException sql && sql.getNextException() != null && cause.getCause() == null) {
            return sql.getNextException();
        }
        Throwable next = cause.getCause();
        return next == cause ? null : next;
    }
}
