package com.vocelio.platform.rest;

import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;

/**
 * Finishes the scanned document ({@code mp.openapi.filter}): a path with the optional {@code api/} prefix is listed
 * under both its spellings; every operation but sign-in and health requires the
 * bearer token (per operation: Payara leaves out an empty {@code security: []}, so a global requirement could not be
 * lifted where none is needed), and every operation answers errors in the one shape ({@link OpenApiModel#ERROR}).
 */
public class OpenApiFilter implements OASFilter {

    /** Sign-in and health: no access token (the portal's token-less polls take one when they have it). */
    static final Set<String> PUBLIC = Set.of(
            "/auth/login",
            "/auth/login-2fa",
            "/auth/register",
            "/auth/refresh",
            "/auth/token",
            "/api/auth/login",
            "/api/auth/login-2fa",
            "/api/auth/register",
            "/api/auth/refresh",
            "/api/auth/token",
            "/health");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths()
                .getPathItems()
                .forEach((path, item) -> item.getOperations().values().forEach(operation -> finish(path, operation)));
    }

    private static void finish(String path, Operation operation) {
        if (!PUBLIC.contains(path)) {
            operation.setSecurity(
                    java.util.List.of(OASFactory.createSecurityRequirement().addScheme(OpenApiModel.BEARER)));
        }
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        if (operation.getResponses().getDefaultValue() == null) {
            operation
                    .getResponses()
                    .setDefaultValue(OASFactory.createAPIResponse()
                            .description("An error")
                            .content(OASFactory.createContent()
                                    .addMediaType(
                                            "application/json",
                                            OASFactory.createMediaType()
                                                    .schema(OASFactory.createSchema()
                                                            .ref(OpenApiModel.ERROR)))));
        }
    }
}
