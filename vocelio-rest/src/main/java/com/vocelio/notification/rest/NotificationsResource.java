package com.vocelio.notification.rest;

import com.vocelio.identity.entity.Role;
import com.vocelio.notification.boundary.Notifications;
import com.vocelio.notification.entity.Notification;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.rest.Caller;
import com.vocelio.platform.rest.Envelope;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * The hub's notifications (contract §7.1): a <em>bare array</em> of the organization's system alerts, newest first,
 * polled every 10 s without a token (then it is empty); {@code PUT /notifications/{id}/read} marks one read for the
 * signed-in user.
 */
@Path("notifications")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class NotificationsResource {

    @Inject
    Notifications notifications;

    @Inject
    Caller caller;

    @GET
    @PermitAll
    public List<Map<String, Object>> latest(
            @QueryParam("limit") String limit, @QueryParam("unread_only") String unreadOnly) {
        int count = limit(limit);
        boolean unread = flag(unreadOnly);
        if (!caller.signedIn()) {
            return List.of();
        }
        return notifications.latest(caller.userId().orElseThrow(), count, unread).stream()
                .map(NotificationsResource::view)
                .toList();
    }

    @PUT
    @Path("{id}/read")
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
    public Envelope read(@PathParam("id") String id) {
        long eventId;
        try {
            eventId = Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw new BusinessException(
                    BusinessException.Kind.NOT_FOUND, "unknown_notification", "No notification " + id);
        }
        return Envelope.of(
                "notification", view(notifications.markRead(caller.userId().orElseThrow(), eventId)));
    }

    private static Map<String, Object> view(Notification n) {
        return Map.of(
                "id", n.id(),
                "type", n.type(),
                "severity", n.severity(),
                "priority", n.priority(),
                "category", n.category(),
                "title", n.title(),
                "message", n.message(),
                "created_at", n.createdAt(),
                "timestamp", n.createdAt(),
                "read", n.read());
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return 20;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw BusinessException.invalid("limit", "must be a whole number from 1 to 100");
    }

    private static boolean flag(String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("false")) {
            return false;
        }
        if (value.strip().equalsIgnoreCase("true")) {
            return true;
        }
        throw BusinessException.invalid("unread_only", "must be true or false");
    }
}
