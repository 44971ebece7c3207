package com.vocelio.transfer.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;

/** The portal's (singular {@code call}) path for the transfer history. */
@Path("api/call/{call_id}/transfer-history")
@RequestScoped
public class ApiTransferHistoryResource extends TransferHistoryResource {}
