package com.vocelio.transfer.rest;

import com.vocelio.identity.entity.Role;
import com.vocelio.platform.control.Periods;
import com.vocelio.platform.rest.Envelope;
import com.vocelio.transfer.boundary.TransferAnalytics;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The seed's {@code GET /analytics/transfers?range=} (1day, 7days, 30days, 90days) for supervisors' charts. */
@Path("analytics/transfers")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class TransferAnalyticsResource {

    @Inject
    TransferAnalytics analytics;

    @GET
    public Envelope report(@QueryParam("range") String range) {
        var period = Periods.parse("range", range);
        var report = analytics.report(period);
        var envelope = Envelope.of("range", range == null || range.isBlank() ? "7days" : range.strip());
        report.forEach(envelope::with);
        return envelope;
    }
}
