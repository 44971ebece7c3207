package com.vocelio.call.rest;

import com.vocelio.call.boundary.Calls;
import com.vocelio.call.boundary.FlowRegistration;
import com.vocelio.call.boundary.PhoneFlows;
import com.vocelio.identity.entity.Role;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.Jsons;
import com.vocelio.platform.rest.Bodies;
import com.vocelio.platform.rest.Envelope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.Map;

/**
 * The telephony adapter's admin paths: the live calls (T8), and which flow answers which number (T6, T7:
 * unregistering is a {@code POST} in the portal and a {@code DELETE} in the guide; both take
 * {@code {phone_number}}, the {@code DELETE} also as a query parameter).
 */
@Path("admin")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class TelephonyAdminResource {

    @Inject
    Calls calls;

    @Inject
    PhoneFlows flows;

    @Inject
    Clock clock;

    @GET
    @Path("active-calls")
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
    public Envelope activeCalls() {
        var now = Clocks.now(clock);
        var live = calls.live().stream().map(call -> CallView.of(call, now)).toList();
        return Envelope.of("active_calls", live).with("total", live.size());
    }

    @POST
    @Path("register-flow")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.SERVICE_NAME})
    public Envelope register(FlowRegistration registration) {
        var registered = flows.register(Bodies.required(registration)).stream()
                .map(flow -> Map.of(
                        "phone_number", flow.phoneNumber(),
                        "flow_id", flow.flowId(),
                        "webhook_url", flow.webhookUrl(),
                        "default_caller_id", flow.defaultCallerId()))
                .toList();
        return Envelope.of("flows", registered).with("total", registered.size());
    }

    @POST
    @Path("unregister-flow")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.SERVICE_NAME})
    public Envelope unregister(JsonObject body) {
        return unregistered(Bodies.required(body).getString("phone_number", null));
    }

    @DELETE
    @Path("unregister-flow")
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.SERVICE_NAME})
    public Envelope unregisterByDelete(@QueryParam("phone_number") String number, String body) {
        if (number == null && body != null && !body.isBlank()) {
            try (var reader = Jsons.reader(body)) {
                number = reader.readObject().getString("phone_number", null);
            } catch (JsonException | IllegalStateException | ClassCastException e) {
                throw BusinessException.invalid("body", "must be a JSON object");
            }
        }
        return unregistered(number);
    }

    private Envelope unregistered(String number) {
        return Envelope.of("removed", flows.unregister(number));
    }
}
