package com.vocelio.contact.boundary;

import java.util.List;

/**
 * One page of contacts. {@code total} counts what the filter matches; {@code active} and {@code inactive} count the
 * same set by status, whatever status the filter asked for (the guide's {@code filters} block).
 */
public record ContactPage(List<ContactCard> contacts, long total, long active, long inactive) {}
