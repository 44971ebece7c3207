package com.vocelio.platform.rest;

import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;

/**
 * Finishes each scanned operation ({@code mp.openapi.filter}): every operation but sign-in and health requires the
 * bearer token, and every operation answers errors in the one shape ({@link OpenApiModel#ERROR}). Per operation,
 * because Payara (6.2025.10) calls the per-element hooks of a filter but never {@code filterOpenAPI}, and an operation
 * does not know its path: the public ones are named by their operation id, which Payara takes from the Java method.
 * Examples come from {@link OpenApiExamples}, found by the operation's method and path ({@link OpenApiModel#locate}):
 * operation ids are Java method names, and the same name serves several paths.
 */
public class OpenApiFilter implements OASFilter {

    /** AuthResource's sign-in methods and HealthResource's: no access token. */
    static final Set<String> PUBLIC = Set.of("register", "login", "loginTwoFactor", "refresh", "token", "health");

    private final OpenApiExamples examples = OpenApiExamples.load();

    @Override
    public Operation filterOperation(Operation operation) {
        if (!PUBLIC.contains(operation.getOperationId())) {
            operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(OpenApiModel.BEARER)));
        }
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        // Payara writes a bare "Default Response." for each operation: it is the error shape
        operation
                .getResponses()
                .setDefaultValue(OASFactory.createAPIResponse()
                        .description("An error")
                        .content(OASFactory.createContent()
                                .addMediaType(
                                        "application/json",
                                        OASFactory.createMediaType()
                                                .schema(OASFactory.createSchema()
                                                        .ref(OpenApiModel.ERROR))
                                                .example(examples.error()))));
        OpenApiModel.locate(operation)
                .flatMap(at -> examples.of(at.getKey().name(), at.getValue()))
                .ifPresent(example -> exemplify(operation, example));
        return operation;
    }

    private static void exemplify(Operation operation, OpenApiExamples.Example example) {
        example.request().ifPresent(body -> {
            if (operation.getRequestBody() == null) {
                operation.setRequestBody(OASFactory.createRequestBody());
            }
            var request = operation.getRequestBody();
            if (request.getContent() == null
                    || request.getContent().getMediaTypes().isEmpty()) {
                request.setContent(
                        OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()));
            }
            request.getContent().getMediaTypes().values().forEach(media -> media.setExample(body));
        });
        example.response().ifPresent(body -> operation
                .getResponses()
                .addAPIResponse(
                        example.status(),
                        OASFactory.createAPIResponse()
                                .description("Success")
                                .content(OASFactory.createContent()
                                        .addMediaType(
                                                "application/json",
                                                OASFactory.createMediaType().example(body)))));
    }
}
