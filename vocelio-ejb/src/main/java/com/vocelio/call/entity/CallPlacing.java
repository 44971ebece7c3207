package com.vocelio.call.entity;

/**
 * An outbound call is about to be placed to {@code to} (E.164), inside the placing unit of work, so the tenant is
 * bound. Features with a say over whom we may ring (the do-not-call lists of {@code contact}) observe this and veto
 * by throwing a {@link com.vocelio.platform.boundary.BusinessException}; telephony need not know them.
 */
public record CallPlacing(String to) {}
