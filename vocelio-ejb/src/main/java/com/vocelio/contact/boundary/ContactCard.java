package com.vocelio.contact.boundary;

import com.vocelio.contact.control.ContactReads.Membership;
import com.vocelio.contact.entity.Contact;
import java.util.List;

/** A contact as clients see it: with the lists it is on and whether its number is on a do-not-call list. */
public record ContactCard(Contact contact, List<Membership> lists, boolean doNotCall) {}
