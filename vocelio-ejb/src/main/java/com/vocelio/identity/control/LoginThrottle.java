package com.vocelio.identity.control;

import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.boundary.SchemaMigrator;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password and API key guessing, per email and per client address, on every node alike (the counts live in PostgreSQL).
 * Failures count within a window; past the limit the key is locked for the lockout and sign-in answers 429 with
 * Retry-After. Failures are written in their own transaction: the failed sign-in itself rolls back.
 */
@Stateless
@UnitOfWork
@UnitOfWork.BeforeSignIn
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());

    @Resource(lookup = SchemaMigrator.DATASOURCE)
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "vocelio.auth.throttle.max-failures-per-email", defaultValue = "5")
    int maxPerEmail;

    @Inject
    @ConfigProperty(name = "vocelio.auth.throttle.max-failures-per-address", defaultValue = "20")
    int maxPerAddress;

    @Inject
    @ConfigProperty(name = "vocelio.auth.throttle.window", defaultValue = "PT15M")
    Duration window;

    @Inject
    @ConfigProperty(name = "vocelio.auth.throttle.lockout", defaultValue = "PT15M")
    Duration lockout;

    /** Refuses with 429 while the email or the address is locked. */
    public void requireNotLocked(String email, String address) {
        requireNotLocked(List.of(emailKey(email), addressKey(address)), address);
    }

    /**
     * Refuses with 429 while the address is locked: API key sign-in, where a guesser tries many keys from one place
     * (a lockout per key would lock nobody out, and one shared key would lock everyone out).
     */
    public void requireAddressNotLocked(String address) {
        requireNotLocked(List.of(addressKey(address)), address);
    }

    private void requireNotLocked(List<String> keys, String address) {
        String sql = "select ceil(extract(epoch from max(locked_until) - now())) from login_failures"
                + " where throttle_key = any(?) and locked_until > now()";
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("varchar", keys.toArray()));
            try (var rows = statement.executeQuery()) {
                if (rows.next() && rows.getObject(1) != null) {
                    long seconds = rows.getLong(1);
                    LOG.info(() -> "Sign-in refused from " + address + ": locked out for " + seconds + " s");
                    throw BusinessException.tooManyRequests("Too many failed sign-ins; try again later", seconds);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A failed API key sign-in counts against the address alone. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordAddressFailure(String address) {
        record(List.<Object[]>of(new Object[] {addressKey(address), maxPerAddress}));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordFailure(String email, String address) {
        record(List.of(new Object[] {emailKey(email), maxPerEmail}, new Object[] {addressKey(address), maxPerAddress}));
    }

    private void record(List<Object[]> keys) {
        String sql = "insert into login_failures (throttle_key, failures, window_start, locked_until)"
                + " values (?, 1, now(), null) on conflict (throttle_key) do update set"
                + " failures = case when login_failures.window_start < now() - ?::interval then 1"
                + "   else login_failures.failures + 1 end,"
                + " window_start = case when login_failures.window_start < now() - ?::interval then now()"
                + "   else login_failures.window_start end,"
                + " locked_until = case when login_failures.window_start >= now() - ?::interval"
                + "   and login_failures.failures + 1 >= ? then now() + ?::interval else null end";
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(sql)) {
            for (var key : keys) {
                statement.setString(1, (String) key[0]);
                statement.setString(2, interval(window));
                statement.setString(3, interval(window));
                statement.setString(4, interval(window));
                statement.setInt(5, (Integer) key[1]);
                statement.setString(6, interval(lockout));
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A successful sign-in forgives the email's failures (not the address's). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void clear(String email) {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement("delete from login_failures where throttle_key = ?")) {
            statement.setString(1, emailKey(email));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String emailKey(String email) {
        return "email:" + (email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + (address == null ? "unknown" : address);
    }

    private static String interval(Duration duration) {
        return duration.toSeconds() + " seconds";
    }
}
