package com.vocelio.platform.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * Serves the portal's paths ({@code /api/...}) and the seed's ({@code /departments}, {@code /agents}, ...) from the
 * context root; the console's {@code /console/*} mapping is more specific and wins.
 */
@ApplicationPath("/")
@ApplicationScoped
public class VocelioApplication extends Application {}
