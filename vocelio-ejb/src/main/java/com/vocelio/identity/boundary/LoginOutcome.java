package com.vocelio.identity.boundary;

import com.vocelio.identity.entity.Session;

/** What a password check leads to: a session, or the request for the second factor (the portal's 202). */
public sealed interface LoginOutcome {

    record SignedIn(Session session) implements LoginOutcome {}

    record SecondFactorRequired() implements LoginOutcome {}
}
