package com.vocelio.console.users;

import com.vocelio.agent.boundary.AgentFilter;
import com.vocelio.agent.boundary.Agents;
import com.vocelio.console.ConsoleCaller;
import com.vocelio.console.Messages;
import com.vocelio.identity.boundary.UserRequest;
import com.vocelio.identity.boundary.Users;
import com.vocelio.identity.entity.Role;
import com.vocelio.platform.boundary.BusinessException;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * {@code console/users/index.xhtml}, for admins only (as the API's {@code /api/users}): creates users, changes their
 * role and name, links an agent user to its agent, deactivates and reactivates them, all through {@link Users}, so
 * the rules are the API's (an organization keeps an active admin; a deactivated or re-roled user's tokens stop
 * working). An agent is linked by choosing it from the organization's agents, so only an agent that exists is linked.
 */
@Named
@ViewScoped
public class UsersBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Users users;

    @Inject
    Agents agents;

    @Inject
    ConsoleCaller caller;

    private List<UserRow> rows;
    private String editing;
    private String email;
    private String password;
    private String firstName;
    private String lastName;
    private String role = Role.AGENT.wireName();
    private String agentId;

    public List<UserRow> getRows() {
        if (rows == null) {
            rows = caller.isAdmin() ? users.all().stream().map(UserRow::of).toList() : List.of();
        }
        return rows;
    }

    /** Empties the dialog for a new user. */
    public void startNew() {
        editing = null;
        email = password = firstName = lastName = agentId = null;
        role = Role.AGENT.wireName();
    }

    /** Fills the dialog with the user to change (the password stays unchanged unless one is typed). */
    public void edit(UserRow row) {
        editing = row.id();
        email = row.email();
        password = null;
        var user = users.get(row.id());
        firstName = user.firstName();
        lastName = user.lastName();
        role = row.role();
        agentId = row.agentId().isEmpty() ? null : row.agentId();
    }

    /** A refusal is said next to its field and keeps the dialog open (the request's validation failed). */
    public void save() {
        if (!adminAsked()) {
            return;
        }
        String typedPassword = password == null || password.isEmpty() ? null : password;
        String agent = agentId == null ? "" : agentId; // "" unlinks; the boundary keeps null as "unchanged"
        try {
            if (editing == null) {
                var user = users.create(new UserRequest(email, typedPassword, firstName, lastName, role, agent, null));
                Messages.info("users.created", user.email());
            } else {
                var user = users.update(
                        editing, new UserRequest(null, typedPassword, firstName, lastName, role, agent, null));
                Messages.info("users.saved", user.email());
            }
            rows = null;
        } catch (BusinessException refused) {
            Messages.refusal("user", refused);
        }
    }

    public void setActive(UserRow row, boolean active) {
        if (!adminAsked()) {
            return;
        }
        try {
            users.update(row.id(), new UserRequest(null, null, null, null, null, null, active));
            Messages.info(active ? "users.activated" : "users.deactivated", row.email());
        } catch (BusinessException refused) {
            Messages.refusal("users", refused);
        }
        rows = null;
    }

    private boolean adminAsked() {
        if (!caller.isAdmin()) {
            Messages.error("users.adminOnly");
            return false;
        }
        return true;
    }

    public List<SelectItem> getRoles() {
        return Arrays.stream(Role.values())
                .map(r -> new SelectItem(r.wireName(), Messages.text("role." + r.wireName())))
                .toList();
    }

    public List<SelectItem> getAgents() {
        return agents.list(AgentFilter.none()).stream()
                .map(a -> new SelectItem(a.agentId(), a.name() + " (" + a.agentId() + ")"))
                .toList();
    }

    public boolean isEditing() {
        return editing != null;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getAgentId() {
        return agentId;
    }

    public void setAgentId(String agentId) {
        this.agentId = agentId;
    }
}
