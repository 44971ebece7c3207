package com.vocelio.transfer.rest;

import com.vocelio.identity.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Path;

/** The portal's (singular {@code call}) path for the transfer history. */
@Path("api/call/{call_id}/transfer-history")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME
}) // class annotations are not inherited
public class ApiTransferHistoryResource extends TransferHistoryResource {}
