package com.vocelio.platform.rest;

import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What the OpenAPI document says before the resources are scanned ({@code mp.openapi.model.reader}): the API, its
 * security schemes — the access token (a JWT; a machine gets one for its API key at {@code POST /auth/token}) and the
 * metrics token of {@code /metrics} and {@code /openapi} — and the one error shape every 4xx/5xx answer has.
 * {@link OpenApiFilter} then applies them to every operation.
 *
 * <p>Payara (6.2025.10) scans the resources into the very model returned here, and its filter sees each operation
 * without its path (it never calls {@code filterOpenAPI}); the model is kept so that the filter can find where an
 * operation lives ({@link #locate}).
 */
public class OpenApiModel implements OASModelReader {

    static final String BEARER = "bearer";
    static final String METRICS_TOKEN = "metricsToken";
    static final String ERROR = "Error";

    /** The model last built: the document the scan fills in and the filter then walks. */
    private static volatile OpenAPI built;

    @Override
    public OpenAPI buildModel() {
        OpenAPI model = OASFactory.createOpenAPI()
                .openapi("3.0.3")
                .info(OASFactory.createInfo()
                        .title("Vocelio API")
                        .version("1")
                        .description("The backend of the Vocelio portal: departments, agents, transfers and routing,"
                                + " calls, analytics, live events. Sign in at POST /auth/login (or trade an API key at"
                                + " POST /auth/token) and send the access_token as a bearer token."))
                .components(OASFactory.createComponents()
                        .addSecurityScheme(
                                BEARER,
                                OASFactory.createSecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("An access token from /auth/login, /auth/login-2fa, /auth/refresh"
                                                + " or, for AI voice agents, /auth/token with an API key"))
                        .addSecurityScheme(
                                METRICS_TOKEN,
                                OASFactory.createSecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("VOCELIO_METRICS_TOKEN: /metrics, /openapi and /mp-health only"))
                        .addSchema(ERROR, error()));
        built = model;
        return model;
    }

    /** Where {@code operation} is in the document: its HTTP method and path, if the filter walks the model built here. */
    static Optional<Map.Entry<PathItem.HttpMethod, String>> locate(Operation operation) {
        OpenAPI model = built;
        if (model == null || model.getPaths() == null || model.getPaths().getPathItems() == null) {
            return Optional.empty();
        }
        for (var path : model.getPaths().getPathItems().entrySet()) {
            for (var found : path.getValue().getOperations().entrySet()) {
                if (found.getValue() == operation) {
                    // a template's regular expression, if the document kept it, is not part of the key
                    return Optional.of(
                            Map.entry(found.getKey(), path.getKey().replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}")));
                }
            }
        }
        return Optional.empty();
    }

    private static Schema error() {
        Schema text = OASFactory.createSchema().type(Schema.SchemaType.STRING);
        return OASFactory.createSchema()
                .type(Schema.SchemaType.OBJECT)
                .description("Every error: 400 bad input (details name the fields), 401, 403, 404 unknown or another"
                        + " organization's id, 405, 409 conflict or lost race (code concurrent_update), 413, 415, 422,"
                        + " 429 with Retry-After, 503 with Retry-After")
                .addProperty("success", OASFactory.createSchema().type(Schema.SchemaType.BOOLEAN))
                .addProperty("error", text)
                .addProperty("message", text)
                .addProperty("code", text)
                .addProperty(
                        "details",
                        OASFactory.createSchema()
                                .type(Schema.SchemaType.ARRAY)
                                .items(OASFactory.createSchema()
                                        .type(Schema.SchemaType.OBJECT)
                                        .addProperty("field", text)
                                        .addProperty("message", text)))
                .addRequired("success")
                .addRequired("error")
                .addRequired("code");
    }
}
