package com.vocelio.contact.boundary;

import java.time.OffsetDateTime;

/** A number on a do-not-call list, in E.164, with why it is there. */
public record DoNotCallEntry(String id, String listId, String phone, String reason, OffsetDateTime createdAt) {}
