package com.vocelio.identity.entity;

import static com.vocelio.platform.control.Checks.optionalText;

import com.vocelio.platform.boundary.BusinessException;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * Someone (or, with role {@code service}, something) that signs in to one organization. Keeps a lower-case email,
 * a password hash (never the password), one {@link Role}, and a TOTP secret that counts only once confirmed by a
 * first valid code. A user of role {@code agent} may be linked to the agent record it answers for.
 */
@Entity
@Table(name = "users")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = "eclipselink.tenant-id")
@NamedQuery(name = User.BY_EMAIL, query = "select u from User u where lower(u.email) = lower(:email)")
@NamedQuery(name = User.ALL, query = "select u from User u order by u.email")
public class User {

    public static final String BY_EMAIL = "User.byEmail";
    public static final String ALL = "User.all";
    public static final int EMAIL_MAX = 254;
    public static final int NAME_MAX = 100;
    public static final int PASSWORD_MIN = 8;
    public static final int PASSWORD_MAX = 200;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    @Id
    @Column(columnDefinition = "uuid")
    private String id;

    @Column(nullable = false, length = EMAIL_MAX)
    private String email;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Column(name = "first_name", nullable = false, length = NAME_MAX)
    private String firstName = "";

    @Column(name = "last_name", nullable = false, length = NAME_MAX)
    private String lastName = "";

    @Convert(converter = Role.Column.class)
    @Column(nullable = false, length = 20)
    private Role role;

    @Column(name = "agent_id", length = 100)
    private String agentId;

    @Column(name = "totp_secret", length = 64)
    private String totpSecret;

    @Column(name = "totp_enabled", nullable = false)
    private boolean totpEnabled;

    @Column(name = "totp_last_step")
    private Long totpLastStep;

    @Column(nullable = false)
    private boolean active = true;

    @Column(name = "last_login_at")
    private OffsetDateTime lastLoginAt;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private long version;

    protected User() {}

    public User(String email, String passwordHash, Role role, OffsetDateTime now) {
        this.id = UUID.randomUUID().toString();
        this.email = validEmail(email);
        this.passwordHash = passwordHash;
        this.role = role;
        this.createdAt = now;
        this.updatedAt = createdAt;
    }

    /** Checked before hashing: the hash cannot tell how long the password was. */
    public static String validPassword(String password) {
        if (password == null || password.length() < PASSWORD_MIN || password.length() > PASSWORD_MAX) {
            throw BusinessException.invalid(
                    "password", "must be " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters long");
        }
        return password;
    }

    public static String validEmail(String email) {
        String value = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (value.length() > EMAIL_MAX || !EMAIL.matcher(value).matches()) {
            throw BusinessException.invalid("email", "is not an email address");
        }
        return value;
    }

    public void name(String first, String last, OffsetDateTime now) {
        this.firstName = optionalText("first_name", first, NAME_MAX);
        this.lastName = optionalText("last_name", last, NAME_MAX);
        touch(now);
    }

    public void changeRole(Role newRole, OffsetDateTime now) {
        this.role = newRole;
        touch(now);
    }

    public void linkAgent(String newAgentId, OffsetDateTime now) {
        this.agentId = newAgentId == null || newAgentId.isBlank() ? null : newAgentId.strip();
        touch(now);
    }

    public void changePasswordHash(String newHash, OffsetDateTime now) {
        this.passwordHash = newHash;
        touch(now);
    }

    public void setActive(boolean active, OffsetDateTime now) {
        this.active = active;
        touch(now);
    }

    /** A new secret replaces the old one and stays inactive until {@link #confirmTotp}. */
    public void startTotpEnrollment(String secret, OffsetDateTime now) {
        this.totpSecret = secret;
        this.totpEnabled = false;
        touch(now);
    }

    public void confirmTotp(OffsetDateTime now) {
        if (totpSecret == null) {
            throw BusinessException.invalid("code", "no two-factor setup is in progress: call /auth/setup-2fa first");
        }
        this.totpEnabled = true;
        touch(now);
    }

    /**
     * Spends a TOTP time step on a sign-in. A code already spent (or an older one) is refused: someone who saw the
     * code cannot sign in with it again within its validity.
     */
    public boolean spendTotpStep(long step) {
        if (totpLastStep != null && step <= totpLastStep) {
            return false;
        }
        this.totpLastStep = step;
        return true;
    }

    public void recordLogin(OffsetDateTime now) {
        this.lastLoginAt = now;
    }

    private void touch(OffsetDateTime now) {
        this.updatedAt = now;
    }

    public String id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public String firstName() {
        return firstName;
    }

    public String lastName() {
        return lastName;
    }

    public Role role() {
        return role;
    }

    public Optional<String> agentId() {
        return Optional.ofNullable(agentId);
    }

    public Optional<String> totpSecret() {
        return Optional.ofNullable(totpSecret);
    }

    public boolean totpEnabled() {
        return totpEnabled;
    }

    public boolean isActive() {
        return active;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public Optional<OffsetDateTime> lastLoginAt() {
        return Optional.ofNullable(lastLoginAt);
    }
}
